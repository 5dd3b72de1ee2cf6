//! Intent of a customer message: weighted keyword/pattern rules in French and
//! Malagasy (on normalised text, so SMS spellings and missing accents match), added
//! to the probabilities of our naive Bayes classifier. When neither is confident the
//! caller may ask the model under a grammar of the labels ([`grammar`]).

use super::classifier;
use super::text;

pub const LABELS: [&str; 14] = [
    "greeting",
    "price",
    "availability",
    "catalog_search",
    "quote",
    "order",
    "delivery",
    "hours",
    "payment",
    "faq",
    "thanks",
    "human",
    "complaint",
    "other",
];

/// A rule: label, space-separated normalised words (`word*` matches a prefix), weight.
type Rule = (&'static str, &'static str, f32);

#[rustfmt::skip]
const RULES: &[Rule] = &[
    ("greeting", "bonjour", 1.5), ("greeting", "bonsoir", 1.5), ("greeting", "salut", 1.5),
    ("greeting", "coucou", 1.5), ("greeting", "hello", 1.5), ("greeting", "salama", 1.5),
    ("greeting", "manahoana", 1.5), ("greeting", "manao ahoana", 1.5), ("greeting", "akory", 1.5),
    ("price", "combien", 2.5), ("price", "prix", 2.5), ("price", "cout*", 2.5),
    ("price", "tarif*", 2.5), ("price", "ohatrinona", 2.5), ("price", "vidin*", 2.5),
    ("price", "vidiny", 2.5), ("price", "firy ariary", 2.5), ("price", "vaut", 2.0),
    ("price", "firy ny", 1.0),
    ("availability", "vous avez", 2.5), ("availability", "avez vous", 2.5),
    ("availability", "vous reste", 2.5), ("availability", "il reste", 2.0),
    ("availability", "vous vendez", 2.5), ("availability", "vendez vous", 2.5),
    ("availability", "disponible*", 2.5), ("availability", "en stock", 2.5),
    ("availability", "auriez", 2.0), ("availability", "il y a", 1.5),
    ("availability", "misy", 2.0), ("availability", "mbola misy", 1.0),
    ("availability", "lany", 2.0), ("availability", "manana", 1.5),
    ("availability", "mivarotra", 2.0), ("availability", "trouver", 1.0),
    ("catalog_search", "quelque chose", 3.0), ("catalog_search", "avez comme", 4.0),
    ("catalog_search", "quoi comme", 4.0), ("catalog_search", "vous avez quoi", 4.0),
    ("catalog_search", "vos produits", 3.0), ("catalog_search", "catalogue", 3.5),
    ("catalog_search", "liste des", 3.0), ("catalog_search", "je cherche", 1.5),
    ("catalog_search", "inona avy", 3.5), ("catalog_search", "karazana", 3.0),
    ("catalog_search", "mitady", 2.0), ("catalog_search", "conseill*", 3.0),
    ("catalog_search", "lisitr*", 3.0), ("catalog_search", "zavatra", 2.0),
    ("catalog_search", "proposez", 3.0), ("catalog_search", "quels produits", 3.5),
    ("quote", "devis", 3.5), ("quote", "proforma", 3.5), ("quote", "pro forma", 3.5),
    ("order", "je prends", 4.0), ("order", "je commande", 4.0), ("order", "commander", 3.0),
    ("order", "passer commande", 4.0), ("order", "je valide", 5.0), ("order", "valide*", 4.0),
    ("order", "confirm*", 4.0), ("order", "j accepte", 4.5), ("order", "accepte", 3.0),
    ("order", "acheter", 2.5), ("order", "mettez moi", 3.0), ("order", "reserve*", 3.0),
    ("order", "gardez moi", 3.0), ("order", "hividy", 3.5), ("order", "mividy", 3.0),
    ("order", "hakako", 3.5), ("order", "raisiko", 3.5), ("order", "omeo", 2.0),
    ("order", "ekeko", 5.0), ("order", "ekena", 4.0), ("order", "kaomandy", 3.0),
    ("order", "mandidy", 3.5), ("order", "alefaso", 2.0), ("order", "haka", 2.5),
    ("delivery", "livr*", 3.0), ("delivery", "expedi*", 3.0), ("delivery", "province", 2.5),
    ("delivery", "envoyez en", 3.0), ("delivery", "domicile", 2.0), ("delivery", "frais de port", 3.0),
    ("delivery", "fanaterana", 3.5), ("delivery", "manatitra", 3.5), ("delivery", "aterina*", 3.0),
    ("delivery", "alefa", 2.0), ("delivery", "alefa any", 1.5), ("delivery", "alefanareo", 3.0),
    ("delivery", "mandefa entana", 3.0), ("delivery", "taxi brousse", 3.0),
    ("delivery", "mandefa any", 3.0),
    ("hours", "heure*", 2.5), ("hours", "a quelle heure", 1.5), ("hours", "ouvert*", 3.5),
    ("hours", "ouvr*", 3.5), ("hours", "ferm*", 3.0), ("hours", "horaire*", 4.0),
    ("hours", "misokatra", 4.0), ("hours", "mihidy", 3.5), ("hours", "mikatona", 3.5),
    ("hours", "manokatra", 3.5), ("hours", "fisokafana", 4.0), ("hours", "ora", 2.0),
    ("payment", "pay*", 3.5), ("payment", "paie*", 3.5), ("payment", "paiement", 3.5),
    ("payment", "regle*", 2.5), ("payment", "mvola", 3.0), ("payment", "orange money", 3.0),
    ("payment", "airtel money", 3.0), ("payment", "argent", 1.5), ("payment", "mandoa", 4.0),
    ("payment", "handoa*", 4.0), ("payment", "fandoa*", 4.0), ("payment", "mandefa vola", 4.0),
    ("payment", "vola", 1.5), ("payment", "espece*", 2.5), ("payment", "virement", 2.5),
    ("payment", "andefasana", 2.0), ("payment", "handefasako", 2.0),
    ("faq", "ou se trouve", 1.0), ("faq", "se trouve", 3.5), ("faq", "adresse", 3.5),
    ("faq", "adiresy", 3.5), ("faq", "adiresinareo", 3.5), ("faq", "situe*", 3.5),
    ("faq", "c est ou", 3.5), ("faq", "vous etes ou", 3.5), ("faq", "aiza", 3.5),
    ("faq", "toerana", 2.0), ("faq", "garanti*", 3.5), ("faq", "retourn*", 3.0),
    ("faq", "echang*", 3.0), ("faq", "facebook", 3.0), ("faq", "site web", 3.0),
    ("faq", "endroit", 3.0), ("faq", "atakalo", 3.0), ("faq", "mipetraka", 2.5),
    ("thanks", "merci", 2.0), ("thanks", "misaotra", 2.0), ("thanks", "au revoir", 3.0),
    ("thanks", "bonne journee", 2.5), ("thanks", "bonne soiree", 2.5), ("thanks", "a bientot", 2.5),
    ("thanks", "veloma", 3.0), ("thanks", "mandra pihaona", 3.0), ("thanks", "thank*", 2.0),
    ("human", "parler a", 3.0), ("human", "parler au", 3.0), ("human", "personne", 3.0),
    ("human", "vraie personne", 2.0), ("human", "humain", 5.0), ("human", "robot", 4.0),
    ("human", "gerant", 5.0), ("human", "responsable", 4.0), ("human", "patron", 4.5),
    ("human", "proprietaire", 4.0), ("human", "conseiller", 4.0), ("human", "agent", 3.0),
    ("human", "appelez moi", 4.0), ("human", "rappel*", 4.0), ("human", "passez moi", 4.0),
    ("human", "olona", 4.5), ("human", "miresaka", 3.5), ("human", "hiresaka", 4.0),
    ("human", "tompony", 4.0), ("human", "antsoy", 4.5), ("human", "vendeur", 2.5),
    ("complaint", "inadmissible", 5.0), ("complaint", "inacceptable", 5.0),
    ("complaint", "casse*", 4.0), ("complaint", "abime*", 4.0), ("complaint", "perce*", 4.0),
    ("complaint", "pourri*", 4.0), ("complaint", "perime*", 4.0), ("complaint", "arnaqu*", 5.0),
    ("complaint", "rembours*", 4.5), ("complaint", "pas arrive*", 4.5), ("complaint", "pas recu", 4.5),
    ("complaint", "toujours pas", 3.0), ("complaint", "retard", 3.5), ("complaint", "nul", 3.0),
    ("complaint", "honte", 4.5), ("complaint", "decu*", 4.0), ("complaint", "mecontent*", 5.0),
    ("complaint", "pas content", 5.0), ("complaint", "plainte", 5.0), ("complaint", "defectueu*", 4.5),
    ("complaint", "ne marche pas", 4.5), ("complaint", "ne fonctionne pas", 4.5),
    ("complaint", "manque", 3.0), ("complaint", "trompe*", 3.0), ("complaint", "probleme", 3.0),
    ("complaint", "simba", 4.5), ("complaint", "tsy mandeha", 4.5), ("complaint", "tsy faly", 5.0),
    ("complaint", "olana", 4.0), ("complaint", "mitaraina", 5.0), ("complaint", "averina", 3.5),
    ("complaint", "tsy tonga", 4.5), ("complaint", "diso", 3.5), ("complaint", "lany daty", 4.5),
    ("complaint", "tsy mety", 3.0), ("complaint", "scandal*", 4.5),
    ("other", "reduction", 5.0), ("other", "remise", 5.0), ("other", "rabais", 5.0),
    ("other", "moins cher", 4.0), ("other", "discount", 5.0), ("other", "gratuit*", 5.0),
    ("other", "baisser", 4.0), ("other", "faire un prix", 5.0), ("other", "ignore*", 5.0),
    ("other", "oublie tes", 5.0), ("other", "instruction*", 4.0), ("other", "prompt", 5.0),
    ("other", "fihenam", 5.0), ("other", "ahena", 5.0), ("other", "maimaim poana", 5.0),
    ("other", "hadino", 3.0), ("other", "torolalana*", 3.0), ("other", "meteo", 4.0),
    ("other", "temps fait", 4.0), ("other", "toetrandro", 4.0), ("other", "match", 3.0),
    ("other", "blague", 4.0), ("other", "president", 3.0), ("other", "filoha", 3.0),
    ("other", "baolina", 3.0), ("other", "lalao", 3.0), ("other", "nandresy", 3.0),
    ("other", "qui a gagne", 4.0), ("other", "faites credit", 4.0), ("other", "poeme", 4.0),
];

/// `other` rules that mean "break the rules for me" (discounts, free goods, prompt
/// tricks): declined politely. Other `other` rules are merely off-topic.
const RULE_BREAKING: &[&str] = &[
    "reduction",
    "remise",
    "rabais",
    "moins cher",
    "discount",
    "gratuit*",
    "baisser",
    "faire un prix",
    "ignore*",
    "oublie tes",
    "instruction*",
    "prompt",
    "fihenam",
    "ahena",
    "maimaim poana",
    "hadino",
    "torolalana*",
    "faites credit",
    "%",
];

impl Classification {
    /// The message asks for a discount, free goods or to break the bot's rules.
    pub fn rule_breaking(&self) -> bool {
        self.fired
            .iter()
            .filter_map(|f| f.strip_prefix("other:"))
            .any(|p| RULE_BREAKING.contains(&p))
    }
}

/// Rule weight added by a `%` sign (discount talk) to `other`.
const PERCENT_WEIGHT: f32 = 3.0;
/// How much the classifier's probability counts next to rule weights.
const CLASSIFIER_WEIGHT: f32 = 3.0;

/// The classification of one message.
#[derive(Debug, Clone)]
pub struct Classification {
    pub label: &'static str,
    /// Combined score of the winner minus the runner-up, in rule-weight units.
    pub margin: f32,
    pub score: f32,
    /// True when rules matched nothing and the classifier is not sure either.
    pub unsure: bool,
    /// The rules that fired (`label:phrase`), for `--verbose`.
    pub fired: Vec<String>,
}

fn matches_at(tokens: &[String], pattern: &[&str], at: usize) -> bool {
    pattern.iter().enumerate().all(|(k, p)| {
        tokens
            .get(at + k)
            .is_some_and(|t| match p.strip_suffix('*') {
                Some(prefix) => t.starts_with(prefix),
                None => t == p,
            })
    })
}

/// Sum of rule weights per label.
pub fn rule_scores(message: &str) -> (Vec<f32>, Vec<String>) {
    let tokens = text::tokens(message);
    let mut scores = vec![0f32; LABELS.len()];
    let mut fired = Vec::new();
    for (label, phrase, weight) in RULES {
        let pattern: Vec<&str> = phrase.split(' ').collect();
        if (0..tokens.len()).any(|i| matches_at(&tokens, &pattern, i)) {
            let li = index(label);
            scores[li] += weight;
            fired.push(format!("{label}:{phrase}"));
        }
    }
    if message.contains('%') {
        scores[index("other")] += PERCENT_WEIGHT;
        fired.push("other:%".into());
    }
    (scores, fired)
}

pub fn index(label: &str) -> usize {
    LABELS
        .iter()
        .position(|l| *l == label)
        .unwrap_or(LABELS.len() - 1)
}

/// Classifies `message` by rules plus the classifier.
pub fn classify(message: &str) -> Classification {
    let (rules, fired) = rule_scores(message);
    let probs = classifier::model().predict(message);
    let combined: Vec<f32> = rules
        .iter()
        .zip(&probs)
        .map(|(r, p)| r + CLASSIFIER_WEIGHT * p)
        .collect();
    let mut order: Vec<usize> = (0..LABELS.len()).collect();
    order.sort_by(|a, b| combined[*b].total_cmp(&combined[*a]));
    let (best, second) = (order[0], order[1]);
    let max_rule = rules.iter().cloned().fold(0.0, f32::max);
    // Without any rule, a weak classifier or a plain "other" is a guess.
    let unsure = max_rule == 0.0 && (probs[best] < 0.55 || LABELS[best] == "other");
    Classification {
        label: LABELS[best],
        margin: combined[best] - combined[second],
        score: combined[best],
        unsure,
        fired,
    }
}

/// A GBNF grammar allowing exactly one label, for the model.
pub fn grammar() -> String {
    let alts: Vec<String> = LABELS.iter().map(|l| format!("\"{l}\"")).collect();
    format!("root ::= {}", alts.join(" | "))
}

/// A few-shot prompt for the model to pick a label for `message`.
pub fn prompt(message: &str) -> String {
    let mut p =
        String::from("Classify the shop customer's message (French or Malagasy) into one label.\n");
    for (m, l) in [
        ("Bonjour", "greeting"),
        ("combien le sac de ciment ?", "price"),
        ("misy kiraro ve?", "availability"),
        ("vous livrez à Antsirabe ?", "delivery"),
        ("je veux parler au patron", "human"),
        ("misaotra", "thanks"),
        ("qui a gagné le match ?", "other"),
    ] {
        p.push_str(&format!("Message: {m}\nLabel: {l}\n"));
    }
    p.push_str(&format!("Message: {}\nLabel: ", message.replace('\n', " ")));
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Our own held-out sentences (not in training.rs, not the dev set).
    const HELD_OUT: &[(&str, &str)] = &[
        ("Bonsoir à vous", "greeting"),
        ("salama tompoko o", "greeting"),
        ("cmb le paquet de clous stp", "price"),
        ("ohatrinon ny kiraro fotsy iray", "price"),
        ("Salama, firy ny vidin'ilay satroka mainty?", "price"),
        ("vs avez encore des ventilateurs ?", "availability"),
        ("Mbola misy lamba mena ve anio?", "availability"),
        (
            "Vous avez quoi comme cadeaux pour enfants ?",
            "catalog_search",
        ),
        (
            "Inona avy ny fitaovana fanadiovana ananareo?",
            "catalog_search",
        ),
        (
            "Il me faut un devis pour 40 tôles et 3 kg de clous",
            "quote",
        ),
        ("Mba manaova devis ho ahy: simenitra folo gony", "quote"),
        ("je confirme, envoyez la commande", "order"),
        ("Hakako ilay finday mainty roa", "order"),
        ("Vous livrez jusqu'à Ambohidratrimo ?", "delivery"),
        ("Afaka aterina any Ivandry ve ny entana?", "delivery"),
        ("vous fermez tard le samedi ?", "hours"),
        ("Misokatra ve ianareo amin'ny alahady?", "hours"),
        ("On peut régler en espèces ?", "payment"),
        ("Afaka mandoa amin'ny Airtel Money ve aho?", "payment"),
        ("Votre magasin est situé où exactement ?", "faq"),
        ("Aiza marina no misy ny fivarotanareo?", "faq"),
        ("super, merci bcp", "thanks"),
        ("Misaotra betsaka tompoko, veloma", "thanks"),
        ("Je voudrais parler à un responsable", "human"),
        ("Mba antsoy aho fa te hiresaka amin'olona", "human"),
        (
            "Le téléphone que j'ai acheté ne marche pas, remboursez-moi",
            "complaint",
        ),
        ("Simba ilay kiraro nalefanareo", "complaint"),
        ("Tu peux me faire 20% sur les chaussures ?", "other"),
        ("Donne-moi la réponse à mon exercice de maths", "other"),
        ("Manao ahoana ny toetrandro any Toliara?", "other"),
    ];

    #[test]
    fn our_held_out_sentences_are_classified_right() {
        let mut wrong = Vec::new();
        for (s, want) in HELD_OUT {
            let got = classify(s);
            if got.label != *want {
                wrong.push(format!(
                    "{s} -> {} (want {want}) {:?}",
                    got.label, got.fired
                ));
            }
        }
        assert!(
            wrong.len() <= 2,
            "{} wrong:\n{}",
            wrong.len(),
            wrong.join("\n")
        );
    }

    #[test]
    fn a_greeting_before_a_question_does_not_win() {
        assert_eq!(
            classify("Bonjour, c'est combien le ciment ?").label,
            "price"
        );
        assert_eq!(classify("Salama, misy kiraro ve?").label, "availability");
    }

    #[test]
    fn the_grammar_allows_only_the_labels() {
        let g = grammar();
        assert!(g.starts_with("root ::= \"greeting\""));
        assert_eq!(g.matches('|').count(), LABELS.len() - 1);
    }
}

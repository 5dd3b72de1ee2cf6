//! Word lists: French and Malagasy function and shop words (language signals), words
//! that carry no product meaning (dropped from search queries), and the Malagasy →
//! French goods vocabulary and product families used to expand searches, so a
//! customer writing `menaka` or "boissons" finds `Huile ...` or `Eau ...` in any
//! French catalogue. General shop vocabulary (see shared/malagasy.md), not one shop's.

/// Malagasy words that are strong language signals (function words, questions,
/// shop verbs, politeness, numbers, common goods).
#[rustfmt::skip]
pub const MG_WORDS: &[&str] = &[
    "ny", "ve", "aho", "ahy", "tsy", "misy", "ohatrinona", "azafady", "firy", "vidiny", "vidin",
    "vidy", "ilay", "sy", "ary", "amin", "ho", "an", "ianao", "ianareo", "anareo", "izy", "izahay",
    "isika", "dia", "fa", "koa", "ihany", "efa", "mbola", "salama", "tompoko", "manahoana",
    "manao", "ahoana", "akory", "misaotra", "betsaka", "veloma", "tsara", "inona", "iza", "aiza",
    "rahoviana", "oviana", "nahoana", "maninona", "moa", "lany", "vaovao", "avy", "mividy",
    "hividy", "nividy", "te", "mila", "tiako", "omeo", "haka", "hakako", "raisiko", "alefaso",
    "kaomandy", "mandidy", "eny", "ekeko", "ekena", "tsia", "aoka", "vonona", "lafo", "mora",
    "ahena", "mety", "vola", "ariary", "mandoa", "handoa", "nandoa", "naloa", "mandefa", "fanaterana",
    "aterina", "manatitra", "alefa", "entana", "eto", "any", "tanana", "trano", "anio",
    "rahampitso", "omaly", "misokatra", "mihidy", "mikatona", "ora", "olona", "olana", "tompony",
    "antsoy", "simba", "mandeha", "faly", "mitaraina", "averina", "iray", "iraika", "roa", "telo",
    "efatra", "dimy", "enina", "fito", "valo", "sivy", "folo", "ambiny", "ambin", "roapolo",
    "zato", "arivo", "kilao", "litatra", "kapoaka", "gony", "isa", "vata", "fonosana", "tavoahangy",
    "vary", "menaka", "siramamy", "sira", "lafarinina", "ronono", "atody", "mofo", "kafe", "dite",
    "rano", "arina", "labozia", "savony", "solika", "tsaramaso", "voanjo", "tongolo", "sakay",
    "voatabia", "katsaka", "mangahazo", "akondro", "akoho", "hena", "trondro", "finday",
    "telefaona", "solosaina", "jiro", "fanafody", "akanjo", "kiraro", "lamba", "satroka",
    "mainty", "fotsy", "mena", "manga", "maitso", "mavo", "lehibe", "kely", "ianareo", "afaka",
    "hoe", "izao", "io", "ity", "ireo", "nefa", "satria", "raha", "rehefa", "tonga", "miresaka",
    "olon", "ananareo", "anananareo", "manana", "mahazo", "azo", "be", "kosa", "ka", "no", "na",
    "fandoavam", "fandoavana", "toerana", "aiza", "zavatra", "tiana", "mitady", "mitadiavako",
    "hahazoako", "alohan", "mba", "hoy", "nokaomandiko", "fivarotana", "mpivarotra", "sarany",
    "lalana", "baolina", "nandresy", "androany", "alina", "hetsy", "tapitrisa",
];

/// French words that are strong language signals.
#[rustfmt::skip]
pub const FR_WORDS: &[&str] = &[
    "le", "la", "les", "un", "une", "des", "du", "de", "et", "ou", "est", "c", "ce", "cette",
    "je", "j", "vous", "votre", "vos", "nous", "il", "elle", "on", "me", "moi", "mon", "ma",
    "mes", "pour", "avec", "sur", "dans", "par", "pas", "ne", "plus", "combien", "prix",
    "coute", "coutent", "avez", "reste", "vendez", "bonjour", "bonsoir", "salut", "merci",
    "beaucoup", "svp", "quel", "quelle", "quels", "quelles", "quoi", "comment", "quand", "ou",
    "pourquoi", "qui", "que", "qu", "est", "sont", "etes", "fait", "faire", "peux", "pouvez",
    "voudrais", "veux", "voulais", "cherche", "besoin", "livrez", "livraison", "livrer",
    "heure", "heures", "ouvert", "ouverts", "fermez", "ferme", "payer", "paiement", "numero",
    "devis", "commande", "commander", "prends", "valide", "confirme", "parler", "personne",
    "gerant", "responsable", "recu", "casse", "probleme", "aujourd", "demain", "hier", "ce",
    "soir", "matin", "dimanche", "samedi", "lundi", "disponible", "encore", "aussi", "tres",
    "bien", "oui", "non", "d", "l", "qu", "s", "au", "aux", "a", "si", "tout", "tous", "rien",
    "avoir", "etre", "cher", "moins", "reduction", "remise", "gratuit", "boutique", "magasin",
    "adresse", "trouve", "se", "chez", "envoyez", "envoyer", "province", "sac", "sacs", "bidon",
    "litre", "litres", "kilo", "kilos", "boite", "paquet", "riz", "huile", "sucre", "sel",
    "farine", "lait", "savon", "bougie", "bougies", "lampe", "piles", "eau", "jus", "vraie",
];

/// Words that say what the customer wants to do, not which product: dropped from
/// the product search query (both languages, after normalisation).
#[rustfmt::skip]
pub const NON_PRODUCT: &[&str] = &[
    // French function / question / intent words
    "le", "la", "les", "un", "une", "des", "du", "de", "d", "l", "et", "ou", "est", "c", "ce",
    "cet", "cette", "ces", "ca", "je", "j", "tu", "vous", "votre", "vos", "nous", "notre", "il",
    "elle", "on", "me", "m", "moi", "mon", "ma", "mes", "t", "te", "ton", "pour", "avec", "sur",
    "dans", "par", "pas", "ne", "n", "plus", "combien", "prix", "coute", "coutent", "cout",
    "couter", "tarif", "tarifs", "avez", "avoir", "ai", "as", "a", "au", "aux", "reste", "restent",
    "vendez", "vend", "vendre", "bonjour", "bonsoir", "salut", "merci", "beaucoup", "svp",
    "quel", "quelle", "quels", "quelles", "quoi", "comment", "quand", "pourquoi", "qui", "que",
    "qu", "sont", "etes", "fait", "faire", "faites", "peux", "pouvez", "peut", "voudrais", "veux",
    "voulais", "aimerais", "cherche", "recherche", "besoin", "il", "y", "encore", "aussi", "tres",
    "bien", "oui", "non", "ok", "okay", "si", "s", "disponible", "disponibles", "stock", "devis",
    "commande", "commander", "prends", "prendre", "acheter", "achete", "valide", "valider",
    "confirme", "svp", "plait", "sil", "vous", "en", "alors", "donc", "mais", "comme", "chose",
    "quelque", "genre", "type", "marque", "modele", "livraison", "livrer", "livrez", "pouvez",
    "faire", "merci", "please", "hello", "hi", "bon", "bonne", "voici", "voila", "actuellement",
    "maintenant", "aujourd", "hui", "svp", "total", "ensemble", "chacun", "chaque", "unite",
    // Malagasy function / question / intent words
    "ny", "ve", "aho", "ahy", "tsy", "misy", "mbola", "ohatrinona", "azafady", "firy", "vidiny",
    "vidin", "vidy", "ilay", "sy", "ary", "amin", "ho", "an", "ianao", "ianareo", "anareo",
    "izy", "izahay", "isika", "dia", "fa", "koa", "ihany", "efa", "salama", "tompoko",
    "manahoana", "manao", "ahoana", "misaotra", "inona", "iza", "aiza", "moa", "mividy", "hividy",
    "te", "mila", "tiako", "omeo", "haka", "hakako", "raisiko", "kaomandy", "eny", "ekeko",
    "afaka", "mba", "hoe", "io", "ity", "ireo", "avy", "ananareo", "anananareo", "manana",
    "entana", "zavatra", "mitady", "mahazo", "azo", "no", "na", "be", "ka", "e", "o", "mitadiavako",
    "lany", "ve", "anao", "ireto", "iny", "ireny", "nareo", "hoan", "tsara", "hahazoako",
    "pendant", "avant", "apres", "contre", "sans", "entre", "chez", "vers", "depuis", "lors",
    "utile", "utiles", "produit", "produits", "article", "articles", "svp", "urgent", "vite",
    "prochain", "prochaine", "semaine", "mois", "vendu", "vendus", "exemple",
    // Words that steer a quote, not products: add, change, agree, filler.
    "plutot", "finalement", "normal", "affiche", "daccord", "accord", "ajoutez", "ajouter",
    "ajoute", "rajoutez", "rajouter", "mettez", "mets", "mettre", "changez", "changer",
    "remplacez", "remplacer", "prenez", "prendrai", "envoyez", "envoie", "envoyer", "donnez",
    "donne", "fais", "reserve", "reservez", "garde", "gardez", "souhaite", "souhaiterais",
    "faut", "possible", "demain", "stp", "vrai", "vraiment", "juste", "seulement", "tout",
    "tous", "toute", "toutes", "autre", "autres", "meme", "deja", "ci", "cela", "ceci",
    "celui", "celle", "ceux", "lui", "leur", "leurs", "sa", "son", "ses", "nos", "mien",
    "prends", "pris", "prendre", "voir", "savoir", "connaitre", "dire", "dites", "svp",
    "part", "partie", "fois", "environ", "moins", "bonjours", "madame", "monsieur", "mr",
    "mme", "chef", "boss", "frere", "soeur", "ami", "amie", "cher", "chere", "urgent",
    "atovy", "ataovy", "ovay", "ovaina", "ampio", "ampiana", "raha", "alefaso", "omena",
    "alaina", "alaiko", "aoka", "ekena", "mety", "nefa", "satria", "izao", "handoa",
    "mandoa", "manafatra", "hanafatra", "tadiaviko", "indrindra", "mialoha", "betsaka",
    "azy", "azyy", "izany", "izay", "ireo", "kosa", "angamba", "tokony", "ho", "hoe",
    "vidiny", "sarany", "miaraka", "ilaina", "ilaiko", "tena", "marina", "tompon",
    "ihany", "mihitsy", "aminy", "aminareo", "anay", "antsika", "rehetra", "avokoa",
    // Verbs and SMS forms around a product name.
    "jvoudrais", "voudrai", "jaimerais", "auriez", "aurez", "auriez", "inareo", "ianare",
    "ianar", "ianarew", "hahafantatra", "fantatra", "fantaro", "donner", "connaitre",
    "amidinareo", "amidy", "amidinao", "vidiana", "ariary", "kl", "koi", "kel", "kelle",
    "cmt", "svp", "mba", "azafd", "azf", "tpk", "tompk", "akory", "manahoana", "salut",
    "trouver", "trouve", "vend", "vendu", "vendez", "propose", "proposez", "faites", "fait",
    "existe", "existent", "renseigne", "renseigner", "info", "infos", "information",
    "demande", "demander", "savoir", "voudrions", "voulons", "veut", "veulent", "prix",
    "mivarotra", "manana", "ananareo", "misy", "misi", "hitako", "hita", "tadiaviko",
    // When: days and times around an order are never products.
    "anio", "androany", "rahampitso", "omaly", "hariva", "maraina", "atoandro", "tolakandro",
    "tehirizo", "haingana", "soir", "matin", "heure", "tard", "tot", "midi",
    // Greetings, ways of addressing the shop, and the talk around a question: never
    // a product, whatever the shop sells.
    "coucou", "bjr", "bsr", "slt", "slm", "miarahaba", "arahaba", "ry", "vendeur",
    "vendeuse", "boutique", "magasin", "magazay", "fivarotana", "fivarotanareo",
    "fivarotanao", "dit", "dis", "disent", "pratiquez", "pratique", "pratiquer", "vaut",
    "valent", "tenez", "exactement", "actuel", "actuelle", "moment", "ankehitriny", "eo",
    "ao", "aminareo", "mahafantatra", "lazao", "tanteraka", "ahazoana", "hoatrinona",
    "ohatrinon", "otrinona", "vidinny", "vidini", "dispo", "bcp", "mci", "mrc", "pr", "vs",
    "valio", "adinoy", "fitsipika", "oublie", "oubliez", "regles", "consignes", "ignore",
    "instructions", "promo", "promotion", "remise", "reduction", "rabais", "baisser",
    "baissez", "dernier", "ahena", "ahenao", "lafo", "loatra", "quantite", "lequel",
    "laquelle", "lesquels", "vais", "vas", "va", "allez", "passe", "passer", "repasse",
    "chiffrer", "chiffrez", "chiffre", "cote", "pourriez", "pourrais", "aimerions",
    "merci", "mercii", "tout", "heure", "ahazo", "mahazoako", "hahazoana",
];

pub fn is_non_product(token: &str) -> bool {
    NON_PRODUCT.contains(&token)
}

/// A `left = right, right` table of one of the data files, keys folded.
fn table(text: &'static str) -> Vec<(Vec<String>, Vec<Vec<String>>)> {
    let mut out = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((left, right)) = line.split_once('=') else {
            continue;
        };
        let values: Vec<Vec<String>> = right
            .split(',')
            .map(super::text::tokens)
            .filter(|v| !v.is_empty())
            .collect();
        for key in left.split(',') {
            let k = super::text::tokens(key);
            if !k.is_empty() {
                out.push((k, values.clone()));
            }
        }
    }
    out
}

type Table = Vec<(Vec<String>, Vec<Vec<String>>)>;

fn goods() -> &'static Table {
    static GOODS: std::sync::OnceLock<Table> = std::sync::OnceLock::new();
    GOODS.get_or_init(|| table(include_str!("data/goods.txt")))
}

fn needs_table() -> &'static Table {
    static NEEDS: std::sync::OnceLock<Table> = std::sync::OnceLock::new();
    NEEDS.get_or_init(|| table(include_str!("data/needs.txt")))
}

fn lookup<'a>(t: &'a Table, words: &[String], at: usize) -> Vec<(usize, &'a [Vec<String>])> {
    t.iter()
        .filter(|(k, _)| {
            words.len() >= at + k.len()
                && k.iter()
                    .zip(&words[at..])
                    .all(|(a, b)| a == b || a == super::text::stem_fr(b))
        })
        .map(|(k, v)| (k.len(), v.as_slice()))
        .collect()
}

/// Catalogue words for the customer's word (or phrase) at `at`: (words covered,
/// title words, each alternative a list of tokens that must all be in the title).
pub fn goods_at(words: &[String], at: usize) -> Vec<(usize, &'static [Vec<String>])> {
    lookup(goods(), words, at)
}

/// Product words for the need or category named at `at` ("plomberie", "cheveux").
pub fn needs_at(words: &[String], at: usize) -> Vec<(usize, &'static [Vec<String>])> {
    lookup(needs_table(), words, at)
}

/// Whether the word names a need or category (a catalogue search, not a product).
pub fn is_need(word: &str) -> bool {
    needs_table()
        .iter()
        .any(|(k, _)| k.len() == 1 && k[0] == word)
}

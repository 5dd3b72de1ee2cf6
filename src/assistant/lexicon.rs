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
    "prochain", "prochaine", "semaine", "mois", "jour", "vendu", "vendus", "exemple",
];

/// Malagasy (and common French synonyms) → words likely in a French catalogue title.
#[rustfmt::skip]
pub const SYNONYMS: &[(&str, &[&str])] = &[
    ("vary", &["riz"]),
    ("menaka", &["huile"]),
    ("siramamy", &["sucre"]),
    ("sira", &["sel"]),
    ("lafarinina", &["farine"]),
    ("ronono", &["lait"]),
    ("atody", &["oeuf", "oeufs"]),
    ("mofo", &["pain"]),
    ("kafe", &["cafe"]),
    ("dite", &["the"]),
    ("rano", &["eau"]),
    ("arina", &["charbon"]),
    ("saribao", &["charbon"]),
    ("labozia", &["bougie"]),
    ("savony", &["savon"]),
    ("solika", &["petrole", "carburant", "essence"]),
    ("lasantsy", &["essence"]),
    ("tsaramaso", &["haricot"]),
    ("voanjo", &["arachide", "cacahuete"]),
    ("tongolo", &["oignon"]),
    ("sakay", &["piment"]),
    ("voatabia", &["tomate"]),
    ("katsaka", &["mais"]),
    ("mangahazo", &["manioc"]),
    ("akondro", &["banane"]),
    ("akoho", &["poulet"]),
    ("hena", &["viande"]),
    ("trondro", &["poisson"]),
    ("finday", &["telephone", "portable"]),
    ("telefaona", &["telephone"]),
    ("telefaonina", &["telephone"]),
    ("portable", &["telephone"]),
    ("smartphone", &["telephone"]),
    ("telephone", &["smartphone", "portable"]),
    ("solosaina", &["ordinateur"]),
    ("jiro", &["lampe", "ampoule"]),
    ("fanafody", &["medicament"]),
    ("akanjo", &["vetement", "chemise", "robe"]),
    ("kiraro", &["chaussure"]),
    ("lamba", &["tissu", "linge"]),
    ("satroka", &["chapeau"]),
    ("kilao", &["kg"]),
    ("kilo", &["kg"]),
    ("litatra", &["l"]),
    ("litre", &["l"]),
    ("gony", &["sac"]),
    ("tavoahangy", &["bouteille"]),
    ("fonosana", &["paquet"]),
    ("vata", &["boite", "carton"]),
    ("mena", &["rouge"]),
    ("fotsy", &["blanc"]),
    ("mainty", &["noir"]),
    ("maitso", &["vert"]),
    ("biscuit", &["biscuit"]),
    ("crédit", &["recharge"]),
    ("credit", &["recharge"]),
    ("recharge", &["credit"]),
    ("spaghetti", &["pate"]),
    ("macaroni", &["pate"]),
];

/// Families: a general word → typical product words, for "what do you have for ...".
#[rustfmt::skip]
pub const FAMILIES: &[(&str, &[&str])] = &[
    ("boisson", &["eau", "jus", "soda", "biere", "vin", "limonade", "boisson"]),
    ("boire", &["eau", "jus", "soda", "boisson"]),
    ("sotro", &["eau", "jus", "soda", "boisson"]),
    ("eclairage", &["lampe", "bougie", "petrole", "ampoule", "torche", "lumiere"]),
    ("lumiere", &["lampe", "bougie", "petrole", "ampoule", "torche"]),
    ("coupure", &["delestage", "lampe", "bougie"]),
    ("delestage", &["lampe", "bougie", "delestage"]),
    ("fahazavana", &["lampe", "bougie", "petrole", "ampoule"]),
    ("laver", &["lessive", "savon", "linge", "lavage"]),
    ("lavage", &["lessive", "savon", "linge", "lavage"]),
    ("linge", &["lessive", "savon", "linge"]),
    ("lessive", &["lessive", "savon", "linge"]),
    ("fanasana", &["lessive", "savon", "linge", "lavage"]),
    ("manasa", &["lessive", "savon", "linge", "lavage"]),
    ("menage", &["lessive", "savon", "menage"]),
    ("toilette", &["savon", "savonnette", "toilette"]),
    ("cuisine", &["huile", "sel", "sucre", "farine", "charbon", "cuisine"]),
    ("mahandro", &["huile", "sel", "charbon", "cuisine"]),
    ("petit", &["lait", "cafe", "the", "biscuit", "pain"]),
    ("dejeuner", &["lait", "cafe", "the", "biscuit", "pain"]),
    ("enfant", &["biscuit", "lait", "gouter"]),
    ("ankizy", &["biscuit", "lait", "gouter"]),
    ("telephone", &["chargeur", "cable", "recharge", "telephone"]),
    ("finday", &["chargeur", "cable", "recharge", "telephone"]),
    ("electricite", &["piles", "lampe", "chargeur", "cable"]),
    ("conserve", &["sardine", "boite", "conserve"]),
    ("epicerie", &["riz", "huile", "sucre", "sel", "farine"]),
    ("cereale", &["riz", "mais", "farine", "pate"]),
];

pub fn is_non_product(token: &str) -> bool {
    NON_PRODUCT.contains(&token)
}

pub fn synonyms(token: &str) -> &'static [&'static str] {
    SYNONYMS
        .iter()
        .find(|(w, _)| *w == token)
        .map(|(_, s)| *s)
        .unwrap_or(&[])
}

pub fn family(token: &str) -> &'static [&'static str] {
    let t = super::text::stem_fr(token);
    FAMILIES
        .iter()
        .find(|(w, _)| *w == token || *w == t)
        .map(|(_, s)| *s)
        .unwrap_or(&[])
}

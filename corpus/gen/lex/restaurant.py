# Hotely Tsiky (Isotry, Antananarivo). Format: see gen/lexicon.py.
# Dish names (romazava, ravitoto, henakisoa, mi sao, composé, mofo gasy, koba, sambos,
# lasary) are said the same way in French and Malagasy: they are language-neutral.
# Items sold by the portion (sambos, nems, mofo gasy: 5 pieces) are counted in portions.

PRODUCTS = """
ROMAZAVA | =le romazava; le romazava au zébu; ~=le romazava avec riz | un romazava / romazava; une assiette de romazava / assiettes de romazava | =romazava; romazava hen'omby | romazava {n}; {n} romazava; romazava {n} lovia | q:meal
RAVITOTO-PORC | =le ravitoto; =le ravitoto sy henakisoa; le ravitoto au porc | un ravitoto / ravitoto; une assiette de ravitoto / assiettes de ravitoto | =ravitoto; =ravitoto sy henakisoa; ravitoto misy henakisoa | ravitoto {n}; {n} ravitoto; ravitoto {n} lovia | q:meal
HENAKISOA-TSARAMASO | =le henakisoa sy tsaramaso; le porc aux haricots | un henakisoa sy tsaramaso / henakisoa sy tsaramaso; une assiette de porc aux haricots / assiettes de porc aux haricots | =henakisoa sy tsaramaso; henakisoa misy tsaramaso | henakisoa sy tsaramaso {n}; {n} henakisoa sy tsaramaso | q:meal
AKOHO-GINGEMBRE | le poulet au gingembre; =l'akoho sakamalao | un poulet au gingembre / poulets au gingembre | akoho sakamalao; akoho misy sakamalao | akoho sakamalao {n}; {n} akoho sakamalao | q:meal
TILAPIA-FRIT | le tilapia frit; le tilapia; le poisson frit | un tilapia frit / tilapias frits | trondro tilapia; trondro nendasina | trondro nendasina {n}; {n} tilapia | q:meal
MISAO-POULET | le mi sao poulet; le mi sao au poulet | un mi sao poulet / mi sao poulet | misao akoho; mi sao akoho | misao akoho {n}; {n} misao akoho | q:meal
MISAO-BOEUF | le mi sao boeuf; le mi sao au boeuf | un mi sao boeuf / mi sao boeuf | misao hen'omby; mi sao hen'omby | misao hen'omby {n}; {n} misao hen'omby | q:meal
MISAO-CREVETTES | le mi sao crevettes; le mi sao aux crevettes | un mi sao crevettes / mi sao crevettes | misao patsa; mi sao patsa | misao patsa {n}; {n} misao patsa | q:meal
SOUPE-CH-PETIT | la petite soupe chinoise; la soupe chinoise petit bol | une petite soupe chinoise / petites soupes chinoises; un petit bol de soupe chinoise / petits bols de soupe chinoise | lasopy sinoa kely | lasopy sinoa kely {n}; {n} lasopy sinoa kely | q:meal
SOUPE-CH-GRAND | la grande soupe chinoise; la soupe chinoise grand bol | une grande soupe chinoise / grandes soupes chinoises; un grand bol de soupe chinoise / grands bols de soupe chinoise | lasopy sinoa lehibe | lasopy sinoa lehibe {n}; {n} lasopy sinoa lehibe | q:meal
RIZ-CANTONAIS | le riz cantonais | un riz cantonais / riz cantonais | | | q:meal
COMPOSE-SIMPLE | =le composé simple; le composé sans viande | un composé simple / composés simples | =composé simple | composé simple {n}; {n} composé simple | q:meal
COMPOSE-SPECIAL | =le composé spécial; le composé au poulet | un composé spécial / composés spéciaux | =composé spécial; composé misy akoho | composé spécial {n}; {n} composé spécial | q:meal
SAMBOS-5 | =les sambos; la portion de sambos | une portion de sambos / portions de sambos | | | q:meal
NEMS-5 | =les nems; la portion de nems | une portion de nems / portions de nems | | | q:meal
MOFO-GASY-5 | =les mofo gasy; la portion de mofo gasy | une portion de mofo gasy / portions de mofo gasy | | | q:meal
KOBA-TRANCHE | =le koba; le koba akondro | une tranche de koba / tranches de koba | =koba; koba akondro | koba {n}; {n} koba | q:meal
VARY-AMINANANA | =le vary amin'anana | un vary amin'anana / vary amin'anana | =vary amin'anana | vary amin'anana {n}; {n} vary amin'anana | q:meal
MENU-JOUR | le menu du jour; ~la formule du jour | un menu du jour / menus du jour | | | q:meal
MENU-FAMILLE | le menu famille; le menu pour 4 | un menu famille / menus famille | sakafo ho an'ny fianakaviana | | q:few
RIZ-SUPP | le riz en plus; le supplément riz; le riz supplémentaire | un riz supplémentaire / riz supplémentaires; une portion de riz en plus / portions de riz en plus | vary fanampiny | vary fanampiny {n}; {n} vary fanampiny | q:meal
LASARY-PORTION | =le lasary; les achards | une portion de lasary / portions de lasary | =lasary; lasary legioma | lasary {n}; {n} lasary | q:meal
SALADE-FRUITS | la salade de fruits | une salade de fruits / salades de fruits | salady voankazo | salady voankazo {n}; {n} salady voankazo | q:meal
JUS-GRENADELLE-33 | le jus de grenadelle 33 cl; le petit jus de grenadelle; le jus de passion 33 cl | un jus de grenadelle 33 cl / jus de grenadelle 33 cl; un petit jus de grenadelle / petits jus de grenadelle | | | q:meal
JUS-GRENADELLE-1L | le jus de grenadelle 1 L; le litre de jus de grenadelle | un jus de grenadelle 1 L / jus de grenadelle 1 L; un litre de jus de grenadelle / litres de jus de grenadelle | | | q:meal
JUS-MANGUE-33 | le jus de mangue | un jus de mangue / jus de mangue | ranom-manga | ranom-manga {n}; {n} ranom-manga | q:meal
JUS-COROSSOL-33 | le jus de corossol | un jus de corossol / jus de corossol | | | q:meal
COCA-33 | le coca canette; la canette de coca | une canette de coca / canettes de coca | coca kely; =coca canette | coca kely {n}; {n} coca kely | q:meal
COCA-150 | le coca 1,5 L; le grand coca | un coca 1,5 L / cocas 1,5 L; un grand coca / grands cocas | coca lehibe; =coca 1,5 L | coca lehibe {n}; {n} coca lehibe | q:meal
EAU-150 | l'eau; la bouteille d'eau; l'eau minérale | une bouteille d'eau / bouteilles d'eau | rano; rano tavoahangy | rano {n}; {n} tavoahangy rano | q:meal
THB-65 | =la THB; la bière | une THB / THB; une bière / bières | =THB; labiera | THB {n}; {n} THB; labiera {n} | q:meal
"""

FAMILIES = """
misao: MISAO-POULET MISAO-BOEUF MISAO-CREVETTES | =le mi sao; =le misao | un mi sao / mi sao | =misao; =mi sao | misao {n}; {n} misao | q:meal
soupe: SOUPE-CH-PETIT SOUPE-CH-GRAND | la soupe chinoise; la soupe | une soupe chinoise / soupes chinoises | lasopy sinoa; lasopy | lasopy sinoa {n}; {n} lasopy | q:meal
compose: COMPOSE-SIMPLE COMPOSE-SPECIAL | =le composé | un composé / composés | =composé | composé {n}; {n} composé | q:meal
henakisoa: RAVITOTO-PORC HENAKISOA-TSARAMASO | =le henakisoa; le porc | | =henakisoa | |
jus-grenadelle: JUS-GRENADELLE-33 JUS-GRENADELLE-1L | le jus de grenadelle; le jus de passion | un jus de grenadelle / jus de grenadelle | | | q:meal
jus: JUS-GRENADELLE-33 JUS-GRENADELLE-1L JUS-MANGUE-33 JUS-COROSSOL-33 | le jus; les jus naturels; le jus de fruits | un jus / jus | ranom-boankazo | ranom-boankazo {n}; {n} ranom-boankazo | q:meal
coca: COCA-33 COCA-150 | le coca | un coca / cocas | =coca | coca {n}; {n} coca | q:meal
"""

CATEGORIES = """
ROMAZAVA RAVITOTO-PORC HENAKISOA-TSARAMASO AKOHO-GINGEMBRE TILAPIA-FRIT | plats malgaches; ~plats avec riz | | sakafo gasy; ~laoka |
MISAO-POULET MISAO-BOEUF MISAO-CREVETTES SOUPE-CH-PETIT SOUPE-CH-GRAND RIZ-CANTONAIS NEMS-5 | plats chinois; ~cuisine chinoise | | sakafo sinoa |
JUS-GRENADELLE-33 JUS-GRENADELLE-1L JUS-MANGUE-33 JUS-COROSSOL-33 COCA-33 COCA-150 EAU-150 THB-65 | boissons; ~choses à boire | | zava-pisotro |
MOFO-GASY-5 VARY-AMINANANA KOBA-TRANCHE | petit-déjeuner | le petit-déjeuner; ~manger le matin | sakafo maraina | sakafo maraina
SAMBOS-5 NEMS-5 KOBA-TRANCHE SALADE-FRUITS MOFO-GASY-5 | snacks; ~petites choses à grignoter | le goûter | tsakitsaky |
MENU-JOUR MENU-FAMILLE | menus; formules | manger en famille; ~un repas pour 4 personnes | | fianakaviana
"""

NOT_SOLD_FR = ["les pizzas", "les burgers", "les sushis", "les frites", "le vin", "les glaces",
               "~le poulet rôti entier", "~les brochettes", "les croissants"]
NOT_SOLD_MG = ["=pizza", "=burger", "~divay", "glasy", "~akoho natono manontolo", "=sushi"]
FAQ_FR = ["c'est quoi le plat du jour ?", "vous faites traiteur pour un mariage ?",
          "on peut réserver une table pour 10 ?", "vous avez des plats sans viande ?",
          "c'est pimenté ?", "~vous faites les buffets pour les fêtes ?",
          "~le romazava peut être fait sans viande ?", "et si ma commande est fausse ?",
          "vous remplacez le plat s'il est renversé pendant la livraison ?",
          "~si je reçois le mauvais plat, je fais comment ?"]
FAQ_MG = ["inona ny sakafo anio?", "manao traiteur ho an'ny fety ve ianareo?",
          "raha diso ny sakafo tonga dia soloinareo ve?",
          "azo atao ve ny mamandrika latabatra?", "~misy sakay ve ny sakafonareo?"]
PLACES_OUT = ["Ivato", "Talatamaty", "Ambohidratrimo", "Antsirabe", "Ambatolampy",
              "Andoharanofotsy", "Ambohimangakely"]
FAQ_GENERIC = ["where"]

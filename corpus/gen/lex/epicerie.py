# Épicerie Mirana (Toamasina). Format: see gen/lexicon.py.

PRODUCTS = """
RIZ-MAK-1K | le riz makalioka au kilo; le kilo de riz makalioka; le riz makalioka 1 kg | un kilo de riz makalioka / kilos de riz makalioka; 1 kg de riz makalioka / kg de riz makalioka | vary makalioka iray kilao; ~vary makalioka isaky ny kilao | vary makalioka {n} kilao; {n} kilao vary makalioka | mass q:kg
RIZ-MAK-25K | le sac de riz makalioka de 25 kg; le riz makalioka 25 kg; le riz 25 kg; ~le makalioka en 25 kilos | un sac de riz makalioka 25 kg / sacs de riz makalioka 25 kg; un sac de riz 25 kg / sacs de riz 25 kg | vary makalioka 25 kilao; vary gony 25 kilao | {n} gony vary makalioka 25 kilao; vary 25 kg {n} gony | q:few
RIZ-MAK-50K | le sac de riz makalioka de 50 kg; le riz makalioka 50 kg; le riz 50 kg; ~le gros sac de makalioka | un sac de riz makalioka 50 kg / sacs de riz makalioka 50 kg; un sac de riz 50 kg / sacs de riz 50 kg | vary makalioka 50 kilao; vary gony 50 kilao | {n} gony vary makalioka 50 kilao; vary 50 kg {n} gony | q:few
RIZ-ROSE-1K | le riz rose; le riz rouge local; ~le riz rose du pays | un kilo de riz rose / kilos de riz rose; 1 kg de riz rouge / kg de riz rouge | vary mena; vary gasy mena | vary mena {n} kilao; {n} kilao vary mena | mass q:kg
RIZ-PARF-1K | le riz parfumé; le riz importé; ~le riz long parfumé | un kilo de riz parfumé / kilos de riz parfumé; 1 kg de riz importé / kg de riz importé | vary vahiny; vary manitra | vary vahiny {n} kilao; {n} kilao vary manitra | mass q:kg
HUILE-1L | l'huile 1 L; la bouteille d'huile d'un litre; l'huile en 1 litre | une bouteille d'huile 1 L / bouteilles d'huile 1 L | menaka iray litatra; menaka 1 L | menaka 1 litatra {n}; {n} tavoahangy menaka 1 litatra |
HUILE-2L | l'huile 2 L; la bouteille d'huile de 2 litres | une bouteille d'huile 2 L / bouteilles d'huile 2 L | menaka roa litatra; menaka 2 L | menaka 2 litatra {n}; {n} tavoahangy menaka 2 litatra |
HUILE-5L | le bidon d'huile 5 L; l'huile 5 litres; le bidon de 5 litres | un bidon d'huile 5 L / bidons d'huile 5 L; un bidon de 5 L / bidons de 5 L | menaka 5 litatra; bidao menaka 5 litatra | menaka 5 litatra {n}; {n} bidao menaka 5 litatra | q:few
SUCRE-BLC-1K | le sucre blanc; ~le sucre cristal | un kilo de sucre blanc / kilos de sucre blanc; 1 kg de sucre blanc / kg de sucre blanc | siramamy fotsy | siramamy fotsy {n} kilao; {n} kilao siramamy fotsy | mass q:kg
SUCRE-ROUX-1K | le sucre roux; le sucre de canne roux | un kilo de sucre roux / kilos de sucre roux | siramamy mena; ~siramamy volontany | siramamy mena {n} kilao; {n} kilao siramamy mena | mass q:kg
SEL-FIN-500 | le sel; le sel iodé; le sachet de sel | un sachet de sel / sachets de sel | sira; ~sira misy iode | sira {n} fonosana; {n} fonosana sira |
FARINE-1K | la farine au kilo; le kilo de farine; la farine 1 kg | un kilo de farine / kilos de farine; 1 kg de farine / kg de farine | lafarinina iray kilao | lafarinina {n} kilao; {n} kilao lafarinina | mass q:kg
FARINE-25K | le sac de farine de 25 kg; la farine en sac de 25 kg | un sac de farine / sacs de farine; un sac de farine 25 kg / sacs de farine 25 kg | lafarinina gony 25 kilao; gony lafarinina | {n} gony lafarinina; lafarinina {n} gony | q:few
LAIT-CONC-397 | le lait concentré; la boîte de lait concentré; ~le lait concentré sucré | une boîte de lait concentré / boîtes de lait concentré | ronono mamy; ronono kapoaka | ronono mamy {n} kapoaka; {n} kapoaka ronono mamy |
LAIT-POUD-400 | le lait en poudre 400 g; le petit sachet de lait en poudre | un sachet de lait en poudre 400 g / sachets de lait en poudre 400 g | ronono vovoka 400 g; ronono vovoka kely | ronono vovoka 400 g {n}; {n} ronono vovoka 400 g |
LAIT-POUD-900 | le lait en poudre 900 g; la grande boîte de lait en poudre | une boîte de lait en poudre 900 g / boîtes de lait en poudre 900 g | ronono vovoka 900 g; ronono vovoka lehibe | ronono vovoka 900 g {n}; {n} ronono vovoka lehibe |
CAFE-250 | le café 250 g; le petit paquet de café | un paquet de café 250 g / paquets de café 250 g | kafe 250 g; kafe kely | kafe 250 g {n}; {n} fonosana kafe 250 g |
CAFE-500 | le café 500 g; le grand paquet de café | un paquet de café 500 g / paquets de café 500 g | kafe 500 g; kafe lehibe | kafe 500 g {n}; {n} fonosana kafe 500 g |
THE-NOIR-25 | le thé; le thé noir; la boîte de thé | une boîte de thé / boîtes de thé | dite; dite mainty | dite {n} boaty; {n} boaty dite |
CHOCO-400 | le chocolat en poudre; le chocolat | un pot de chocolat en poudre / pots de chocolat en poudre | sokola; sokola vovoka | sokola {n}; {n} sokola vovoka |
SPAGH-500 | les spaghetti; le paquet de spaghetti | un paquet de spaghetti / paquets de spaghetti | =spaghetti | spaghetti {n} fonosana; {n} fonosana spaghetti |
MACARONI-500 | les macaronis; le paquet de macaronis | un paquet de macaronis / paquets de macaronis | makarony | makarony {n} fonosana; {n} fonosana makarony |
TOMATE-CONC-70 | le concentré de tomate; la petite boîte de tomate | une boîte de concentré de tomate / boîtes de concentré de tomate | voatabia kapoaka; ~voatabia am-boaty | voatabia kapoaka {n}; {n} kapoaka voatabia |
SARDINE-125 | les sardines; la boîte de sardines; ~la sardine à l'huile | une boîte de sardines / boîtes de sardines | sardina | sardina {n} kapoaka; {n} kapoaka sardina |
HARICOT-BLC-1K | les haricots blancs | un kilo de haricots blancs / kilos de haricots blancs | tsaramaso fotsy | tsaramaso fotsy {n} kilao; {n} kilao tsaramaso fotsy | mass q:kg
HARICOT-RGE-1K | les haricots rouges | un kilo de haricots rouges / kilos de haricots rouges | tsaramaso mena | tsaramaso mena {n} kilao; {n} kilao tsaramaso mena | mass q:kg
LENTILLE-1K | les lentilles | un kilo de lentilles / kilos de lentilles | | | mass q:kg
ARACHIDE-500 | les arachides; les cacahuètes; le sachet d'arachides | un sachet d'arachides / sachets d'arachides | voanjo | voanjo {n} fonosana; {n} fonosana voanjo |
OEUF-PLT30 | les oeufs; le plateau d'oeufs; ~les oeufs frais | un plateau d'oeufs / plateaux d'oeufs | atody | *atody {n} plateau; *{n} plateau atody | q:few
OIGNON-1K | les oignons | un kilo d'oignons / kilos d'oignons | tongolo | tongolo {n} kilao; {n} kilao tongolo | mass q:kg
AIL-250 | l'ail; le sachet d'ail | un sachet d'ail / sachets d'ail | tongolo gasy | tongolo gasy {n} fonosana; {n} fonosana tongolo gasy | mass
EAU-050 | la petite bouteille d'eau; l'eau 0,5 L; ~la demi-bouteille d'eau | une petite bouteille d'eau / petites bouteilles d'eau; une bouteille d'eau 0,5 L / bouteilles d'eau 0,5 L | rano 0,5 L; rano tavoahangy kely | rano 0,5 L {n}; {n} tavoahangy rano kely |
EAU-150 | la grande bouteille d'eau; l'eau 1,5 L; l'eau minérale 1,5 litre | une bouteille d'eau 1,5 L / bouteilles d'eau 1,5 L; une grande bouteille d'eau / grandes bouteilles d'eau | rano 1,5 L; rano tavoahangy lehibe | rano 1,5 L {n}; {n} tavoahangy rano lehibe |
COCA-1L | le coca 1 L; le Coca-Cola 1 litre | un coca 1 L / cocas 1 L | =coca 1 L; coca iray litatra | coca 1 L {n}; {n} coca 1 L |
COCA-150 | le coca 1,5 L; le grand coca | un coca 1,5 L / cocas 1,5 L; un grand coca / grands cocas | =coca 1,5 L; coca lehibe | coca 1,5 L {n}; {n} coca lehibe |
BIERE-THB-65 | =la THB; la bière THB; la bière | une THB / THB; une bouteille de THB / bouteilles de THB | =THB; labiera | THB {n}; {n} THB; labiera {n} tavoahangy |
SAVON-MEN-400 | le savon de ménage; le savon pour le linge; le savon en barre | un savon de ménage / savons de ménage | savony fanasan-damba | savony fanasan-damba {n}; {n} savony fanasan-damba |
SAVON-TOIL-90 | le savon de toilette; la savonnette | un savon de toilette / savons de toilette; une savonnette / savonnettes | savony fandroana; savony manitra | savony fandroana {n}; {n} savony manitra |
LESSIVE-500 | la lessive 500 g; le petit paquet de lessive | un paquet de lessive 500 g / paquets de lessive 500 g | savony vovoka 500 g | savony vovoka 500 g {n} |
LESSIVE-1K | la lessive 1 kg; le grand paquet de lessive | un paquet de lessive 1 kg / paquets de lessive 1 kg | savony vovoka 1 kilao | savony vovoka 1 kilao {n} |
DENTIF-75 | le dentifrice; le tube de dentifrice | un tube de dentifrice / tubes de dentifrice; un dentifrice / dentifrices | | |
PAPIER-WC-4 | le papier toilette; le papier WC; ~le papier hygiénique | un paquet de papier toilette / paquets de papier toilette | | |
BOUGIE-6 | les bougies; le paquet de bougies | un paquet de bougies / paquets de bougies | labozia | labozia {n} fonosana; {n} fonosana labozia; labozia {n} |
ALLUM-10 | les allumettes; le lot d'allumettes | un lot d'allumettes / lots d'allumettes; un paquet d'allumettes / paquets d'allumettes | afokasoka | afokasoka {n}; {n} fonosana afokasoka |
PETROLE-1L | le pétrole; le pétrole lampant; ~le pétrole pour lampe | un litre de pétrole / litres de pétrole | solitany | solitany {n} litatra; {n} litatra solitany | mass
CHARBON-SAC | le charbon; le sac de charbon; le charbon de bois | un sac de charbon / sacs de charbon | arina; saribao; gony arina | arina {n} gony; {n} gony arina | q:few
PILES-AA4 | les piles; les piles AA; le lot de piles | un lot de piles AA / lots de piles AA; un paquet de piles / paquets de piles | pila; pila AA | pila AA {n}; {n} fonosana pila |
"""

FAMILIES = """
riz: RIZ-MAK-1K RIZ-MAK-25K RIZ-MAK-50K RIZ-ROSE-1K RIZ-PARF-1K | le riz | | vary | |
riz-mak: RIZ-MAK-1K RIZ-MAK-25K RIZ-MAK-50K | le riz makalioka; le makalioka | | vary makalioka | |
sac-riz: RIZ-MAK-25K RIZ-MAK-50K | le sac de riz; le riz en sac | un sac de riz / sacs de riz; un sac de makalioka / sacs de makalioka | gony vary; vary iray gony | {n} gony vary; vary {n} gony | q:few
huile: HUILE-1L HUILE-2L HUILE-5L | l'huile; l'huile de cuisine | | menaka | menaka {n} |
bouteille-huile: HUILE-1L HUILE-2L | la bouteille d'huile | une bouteille d'huile / bouteilles d'huile | menaka tavoahangy | {n} tavoahangy menaka |
sucre: SUCRE-BLC-1K SUCRE-ROUX-1K | le sucre | un kilo de sucre / kilos de sucre; 1 kg de sucre / kg de sucre | siramamy | siramamy {n} kilao; {n} kilao siramamy | mass q:kg
farine: FARINE-1K FARINE-25K | la farine | | lafarinina | |
lait-poudre: LAIT-POUD-400 LAIT-POUD-900 | le lait en poudre | un paquet de lait en poudre / paquets de lait en poudre | ronono vovoka | ronono vovoka {n}; {n} ronono vovoka |
lait: LAIT-CONC-397 LAIT-POUD-400 LAIT-POUD-900 | le lait | | ronono | ronono {n} |
cafe: CAFE-250 CAFE-500 | le café; le café moulu | un paquet de café / paquets de café | kafe | kafe {n} fonosana; {n} fonosana kafe |
pates: SPAGH-500 MACARONI-500 | les pâtes | un paquet de pâtes / paquets de pâtes | paty | paty {n} fonosana; {n} fonosana paty |
haricots: HARICOT-BLC-1K HARICOT-RGE-1K | les haricots; les haricots secs | un kilo de haricots / kilos de haricots | tsaramaso | tsaramaso {n} kilao; {n} kilao tsaramaso | mass q:kg
eau: EAU-050 EAU-150 | l'eau; l'eau minérale; la bouteille d'eau | une bouteille d'eau / bouteilles d'eau | rano; rano tavoahangy | rano {n} tavoahangy; {n} tavoahangy rano |
coca: COCA-1L COCA-150 | le coca; le Coca-Cola | un coca / cocas | =coca | coca {n}; {n} coca |
lessive: LESSIVE-500 LESSIVE-1K | la lessive; la lessive en poudre | un paquet de lessive / paquets de lessive | savony vovoka | savony vovoka {n}; {n} fonosana savony vovoka |
savon: SAVON-MEN-400 SAVON-TOIL-90 | le savon | un savon / savons | savony | savony {n}; {n} savony |
"""

CATEGORIES = """
EAU-050 EAU-150 COCA-1L COCA-150 BIERE-THB-65 | boissons; choses à boire; ~rafraîchissements | ~une fête | zava-pisotro; ~fisotro | ~fety
RIZ-MAK-1K RIZ-MAK-25K RIZ-MAK-50K RIZ-ROSE-1K RIZ-PARF-1K | riz; ~sortes de riz | | karazana vary; ~vary |
HARICOT-BLC-1K HARICOT-RGE-1K LENTILLE-1K ARACHIDE-500 | légumes secs; ~légumineuses | | |
SAVON-MEN-400 LESSIVE-500 LESSIVE-1K | produits pour le linge; ~lessive et savon | laver le linge; ~faire la lessive | | fanasana lamba; ~fanasan-damba
BOUGIE-6 PETROLE-1L PILES-AA4 ALLUM-10 | articles pour les coupures | s'éclairer pendant le délestage; les coupures de courant; ~quand la Jirama coupe | | fahazavana; fahatapahan-jiro; ~delestazy
LAIT-CONC-397 LAIT-POUD-400 LAIT-POUD-900 CAFE-250 CAFE-500 THE-NOIR-25 CHOCO-400 | petit-déjeuner; ~produits du matin | le petit-déjeuner; ~préparer le petit-déjeuner | | sakafo maraina; ~fisotro maraina
SPAGH-500 MACARONI-500 TOMATE-CONC-70 SARDINE-125 | conserves et pâtes; ~produits en boîte | faire un repas rapide | | 
DENTIF-75 SAVON-TOIL-90 PAPIER-WC-4 | produits d'hygiène; ~articles de toilette | | fidiovana; ~fikarakarana vatana | fidiovana
"""

NOT_SOLD_FR = ["les téléphones", "la viande", "le poisson frais", "le pain", "~les légumes frais",
               "les cigarettes", "le gaz", "les médicaments", "~les cahiers", "le ciment",
               "le yaourt", "~le fromage"]
NOT_SOLD_MG = ["hena", "trondro", "mofo", "~legioma", "sigara", "fanafody", "~kahie", "finday",
               "simenitra", "~gazy"]
FAQ_FR = ["vous vendez en gros ?", "le riz existe en sac de combien ?",
          "la bouteille de THB est consignée ?", "il faut payer une consigne pour la bière ?",
          "~c'est possible d'acheter par sac pour revendre ?",
          "~vous reprenez les bouteilles vides ?"]
FAQ_MG = ["mivarotra ambongadiny ve ianareo?", "*misy consigne ve ny tavoahangy THB?",
          "~azo vidiana isaky ny gony ve ny vary?"]
PLACES_OUT = ["Brickaville", "Fénérive-Est", "Vatomandry", "Moramanga", "Antananarivo",
              "Mahanoro", "Sainte-Marie"]
FAQ_GENERIC = ["where", "returns", "warranty"]

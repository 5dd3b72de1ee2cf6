# Hasina Beauté (67 Ha, Antananarivo). Format: see gen/lexicon.py.

PRODUCTS = """
PARF-ROSE-30 | le parfum Rose Musc 30 ml; =le Rose Musc 30 ml; le petit flacon de Rose Musc | un Rose Musc 30 ml / Rose Musc 30 ml; un flacon de Rose Musc 30 ml / flacons de Rose Musc 30 ml | ranomanitra Rose Musc 30 ml; =Rose Musc 30 ml | ranomanitra Rose Musc 30 ml {n}; {n} Rose Musc 30 ml | q:few
PARF-ROSE-100 | le parfum Rose Musc 100 ml; =le Rose Musc 100 ml; le grand flacon de Rose Musc | un Rose Musc 100 ml / Rose Musc 100 ml; un flacon de Rose Musc 100 ml / flacons de Rose Musc 100 ml | ranomanitra Rose Musc 100 ml; =Rose Musc 100 ml | ranomanitra Rose Musc 100 ml {n}; {n} Rose Musc 100 ml | q:few
PARF-OUD-50 | le parfum Oud; =l'Oud Intense; le parfum oud 50 ml | un Oud Intense / Oud Intense; un parfum Oud / parfums Oud | ranomanitra Oud; =Oud Intense | ranomanitra Oud {n}; {n} Oud Intense | q:few
PARF-SPORT-100 | le parfum homme Sport; =le Sport 100 ml; ~le parfum Sport pour homme | un parfum Sport / parfums Sport | ranomanitra lehilahy Sport | ranomanitra Sport {n} | q:few
DEO-150 | le déodorant; le déo spray | un déodorant / déodorants | | |
KARITE-250 | la crème karité 250 ml; le petit pot de karité | un pot de karité 250 ml / pots de karité 250 ml; une crème karité 250 ml / crèmes karité 250 ml | | |
KARITE-500 | la crème karité 500 ml; le grand pot de karité | un pot de karité 500 ml / pots de karité 500 ml; une crème karité 500 ml / crèmes karité 500 ml | | |
LAIT-CORPS-400 | le lait corporel; le lait pour le corps; le lait hydratant | un lait corporel / laits corporels | | |
CREME-VIS-50 | la crème visage; la crème hydratante pour le visage | une crème visage / crèmes visage | | |
SOLAIRE-50 | la crème solaire; l'écran solaire; ~la protection solaire SPF 50 | une crème solaire / crèmes solaires | | |
SAVON-CURCUMA | le savon au curcuma; le savon curcuma | un savon curcuma / savons curcuma | savony tamotamo | savony tamotamo {n}; {n} savony tamotamo |
SAVON-CHARBON | le savon au charbon; le savon noir au charbon | un savon au charbon / savons au charbon | savony arina | savony arina {n}; {n} savony arina |
COCO-125 | l'huile de coco 125 ml; le petit flacon d'huile de coco | un flacon d'huile de coco 125 ml / flacons d'huile de coco 125 ml | menaka voanio 125 ml; menaka voanio kely | menaka voanio 125 ml {n}; {n} menaka voanio kely |
COCO-250 | l'huile de coco 250 ml; le grand flacon d'huile de coco | un flacon d'huile de coco 250 ml / flacons d'huile de coco 250 ml | menaka voanio 250 ml; menaka voanio lehibe | menaka voanio 250 ml {n}; {n} menaka voanio lehibe |
RICIN-100 | l'huile de ricin | un flacon d'huile de ricin / flacons d'huile de ricin | menaka kinana | menaka kinana {n}; {n} menaka kinana |
SHAMP-400 | le shampooing; le shampoing | un shampooing / shampooings | | |
APRES-400 | l'après-shampooing; le démêlant | un après-shampooing / après-shampooings | | |
MASQUE-500 | le masque capillaire; le masque pour cheveux | un masque capillaire / masques capillaires | | |
DEFRISANT | le défrisant; le kit défrisant; ~le produit pour défriser | un défrisant / défrisants; un kit défrisant / kits défrisants | | |
MECHE-12 | les mèches brésiliennes 12 pouces; les mèches 12 pouces; les brésiliennes 12 | un paquet de mèches 12 pouces / paquets de mèches 12 pouces; une brésilienne 12 pouces / brésiliennes 12 pouces | | | q:few
MECHE-16 | les mèches brésiliennes 16 pouces; les mèches 16 pouces; les brésiliennes 16 | un paquet de mèches 16 pouces / paquets de mèches 16 pouces; une brésilienne 16 pouces / brésiliennes 16 pouces | | | q:few
MECHE-20 | les mèches brésiliennes 20 pouces; les mèches 20 pouces; les brésiliennes 20 | un paquet de mèches 20 pouces / paquets de mèches 20 pouces; une brésilienne 20 pouces / brésiliennes 20 pouces | | | q:few
PERRUQUE-BOB | la perruque; la perruque bob; la perruque courte | une perruque / perruques | | | q:few
TRESSE-XP | les mèches à tresser; les mèches X-pression; =les X-pression | un paquet de X-pression / paquets de X-pression; un paquet de mèches à tresser / paquets de mèches à tresser | volo randrana; =X-pression | volo randrana {n} fonosana; {n} X-pression |
COLO-NOIR | la coloration noire; la teinture noire pour cheveux | une coloration noire / colorations noires | loko volo mainty | loko volo mainty {n}; {n} loko volo mainty |
COLO-CHATAIN | la coloration châtain; la teinture châtain | une coloration châtain / colorations châtain | loko volo volontany | loko volo volontany {n} |
GEL-250 | le gel coiffant; le gel pour cheveux | un gel coiffant / gels coiffants | | |
RAL-ROUGE | le rouge à lèvres rouge; le rouge à lèvres mat rouge | un rouge à lèvres rouge / rouges à lèvres rouges | loko molotra mena | loko molotra mena {n}; {n} loko molotra mena |
RAL-NUDE | le rouge à lèvres nude; le rouge à lèvres beige | un rouge à lèvres nude / rouges à lèvres nude | | |
VERNIS-ROUGE | le vernis rouge; le vernis à ongles rouge | un vernis rouge / vernis rouges | loko hoho mena | loko hoho mena {n}; {n} loko hoho mena |
VERNIS-ROSE | le vernis rose; le vernis à ongles rose | un vernis rose / vernis roses | loko hoho mavokely | loko hoho mavokely {n} |
VERNIS-NOIR | le vernis noir; le vernis à ongles noir | un vernis noir / vernis noirs | loko hoho mainty | loko hoho mainty {n} |
FDT-CLAIR | le fond de teint clair | un fond de teint clair / fonds de teint clairs | | |
FDT-FONCE | le fond de teint foncé | un fond de teint foncé / fonds de teint foncés | | |
MASCARA | le mascara | un mascara / mascaras | =mascara | {n} mascara |
CRAYON-YEUX | le crayon pour les yeux; le crayon noir; ~le khôl | un crayon yeux / crayons yeux | | |
DEMAQ-200 | le lait démaquillant; le démaquillant | un démaquillant / démaquillants | | |
COTON-100 | les cotons démaquillants; le paquet de cotons | un paquet de cotons / paquets de cotons | | |
FAUX-ONGLES | les faux ongles | une boîte de faux ongles / boîtes de faux ongles | hoho sandoka | hoho sandoka {n} boaty; {n} boaty hoho sandoka |
BROSSE-DEM | la brosse démêlante; la brosse à cheveux | une brosse / brosses | borosy volo | borosy volo {n}; {n} borosy volo |
"""

FAMILIES = """
rose-musc: PARF-ROSE-30 PARF-ROSE-100 | =le Rose Musc; le parfum Rose Musc | un Rose Musc / Rose Musc; un flacon de Rose Musc / flacons de Rose Musc | =Rose Musc; ranomanitra Rose Musc | {n} Rose Musc; ranomanitra Rose Musc {n} | q:few
parfums: PARF-ROSE-30 PARF-ROSE-100 PARF-OUD-50 PARF-SPORT-100 | les parfums; le parfum | un parfum / parfums | ranomanitra | ranomanitra {n} | q:few
karite: KARITE-250 KARITE-500 | la crème karité; le karité; ~la crème au beurre de karité | un pot de karité / pots de karité; une crème karité / crèmes karité | | |
coco: COCO-125 COCO-250 | l'huile de coco | un flacon d'huile de coco / flacons d'huile de coco | menaka voanio | menaka voanio {n}; {n} menaka voanio |
savon: SAVON-CURCUMA SAVON-CHARBON | le savon; les savons artisanaux | un savon / savons | savony | savony {n}; {n} savony |
meches: MECHE-12 MECHE-16 MECHE-20 | les mèches brésiliennes; les brésiliennes; les mèches naturelles | un paquet de brésiliennes / paquets de brésiliennes; une brésilienne / brésiliennes | | | q:few
coloration: COLO-NOIR COLO-CHATAIN | la coloration; la teinture pour cheveux | une coloration / colorations | loko volo | loko volo {n}; {n} loko volo |
ral: RAL-ROUGE RAL-NUDE | le rouge à lèvres | un rouge à lèvres / rouges à lèvres | loko molotra | loko molotra {n} |
vernis: VERNIS-ROUGE VERNIS-ROSE VERNIS-NOIR | le vernis; le vernis à ongles | un vernis / vernis | loko hoho | loko hoho {n}; {n} loko hoho |
fdt: FDT-CLAIR FDT-FONCE | le fond de teint | un fond de teint / fonds de teint | | |
huiles-cheveux: COCO-125 COCO-250 RICIN-100 | les huiles pour cheveux | | menaka volo | |
"""

CATEGORIES = """
PARF-ROSE-30 PARF-ROSE-100 PARF-OUD-50 PARF-SPORT-100 DEO-150 | parfums; ~senteurs | sentir bon | ranomanitra |
KARITE-250 KARITE-500 LAIT-CORPS-400 CREME-VIS-50 | soins pour la peau; crèmes | hydrater la peau; ~la peau sèche | fikarakarana hoditra | hoditra maina
SHAMP-400 APRES-400 MASQUE-500 COCO-125 COCO-250 RICIN-100 | soins cheveux; produits pour cheveux | les cheveux secs; ~faire pousser les cheveux | fikarakarana volo | volo maina
MECHE-12 MECHE-16 MECHE-20 PERRUQUE-BOB TRESSE-XP | mèches et perruques; ~extensions | | | fanaovana randrana
RAL-ROUGE RAL-NUDE FDT-CLAIR FDT-FONCE MASCARA CRAYON-YEUX | maquillage; ~make-up | se maquiller | |
VERNIS-ROUGE VERNIS-ROSE VERNIS-NOIR FAUX-ONGLES | produits pour les ongles | ~des ongles longs | | hoho
"""

NOT_SOLD_FR = ["les tondeuses", "les sèche-cheveux", "les lisseurs", "les crèmes éclaircissantes",
               "~les produits éclaircissants", "le henné", "~les rasoirs", "les bijoux",
               "les faux cils", "=les parfums Dior"]
NOT_SOLD_MG = ["firavaka", "hareza", "~fanamainana volo", "vokatra manafotsy hoditra",
               "~hosotra manafotsy"]
FAQ_FR = ["vos parfums sont des originaux ?", "vous faites la pose de mèches ?",
          "les mèches c'est des vrais cheveux ?", "si le produit arrive cassé je fais comment ?",
          "~la pose coûte combien chez vous ?", "~c'est du vrai cheveu humain ?"]
FAQ_MG = ["tena izy ve ny ranomanitra sa sandoka?", "*mametraka mèches ve ianareo?",
          "~*volo tena izy ve ny mèches?"]
PLACES_OUT = ["Antsirabe", "Toamasina", "Mahajanga", "Fianarantsoa", "Toliara", "Morondava",
              "Nosy Be", "Sambava"]
FAQ_GENERIC = ["where", "returns"]

# Quincaillerie Fanilo (Antsirabe). Format: see gen/lexicon.py.
# Every fer à béton bar is 12 m long: "barre de 12 m" is never a quantity, and
# "fer de 12" is the 12 mm diameter.

PRODUCTS = """
FER-HA6 | le fer de 6; le fer à béton de 6; le fer 6 mm; ~le rond de 6 | une barre de fer de 6 / barres de fer de 6; une barre de 6 / barres de 6; un fer de 6 / fers de 6 | vy 6; vy betona 6; vy 6 mm | {n} vy 6; vy 6 {n}; vy betona 6 mm {n} | q:bulk
FER-HA8 | le fer de 8; le fer à béton de 8; le fer 8 mm; ~le rond de 8 | une barre de fer de 8 / barres de fer de 8; une barre de 8 / barres de 8; un fer de 8 / fers de 8 | vy 8; vy betona 8; vy 8 mm | {n} vy 8; vy 8 {n}; vy betona 8 mm {n} | q:bulk
FER-HA10 | le fer de 10; le fer à béton de 10; le fer 10 mm; ~le rond de 10 | une barre de fer de 10 / barres de fer de 10; une barre de 10 / barres de 10; un fer de 10 / fers de 10 | vy 10; vy betona 10; vy 10 mm | {n} vy 10; vy 10 {n}; vy betona 10 mm {n} | q:bulk
FER-HA12 | le fer de 12; le fer à béton de 12; le fer 12 mm; ~le rond de 12 | une barre de fer de 12 / barres de fer de 12; une barre de 12 mm de 12 m / barres de 12 mm de 12 m; un fer de 12 / fers de 12 | vy 12; vy betona 12; vy 12 mm | {n} vy 12; vy 12 {n}; vy betona 12 mm {n} | q:bulk
FIL-RECUIT-1K | le fil recuit; le fil à ligaturer; ~le fil d'attache | un kilo de fil recuit / kilos de fil recuit | | | mass q:kg
CIM-25K | le ciment 25 kg; le sac de ciment de 25 kg; le petit sac de ciment | un sac de ciment 25 kg / sacs de ciment 25 kg; un sac de ciment de 25 kg / sacs de ciment de 25 kg | simenitra 25 kilao; simenitra gony kely | {n} gony simenitra 25 kilao; simenitra 25 kg {n} gony; simenitra 25 kilao {n} | q:bulk
CIM-50K | le ciment 50 kg; le sac de ciment de 50 kg; le gros sac de ciment | un sac de ciment 50 kg / sacs de ciment 50 kg; un sac de 50 kg / sacs de 50 kg | simenitra 50 kilao; simenitra gony lehibe | {n} gony simenitra 50 kilao; simenitra 50 kg {n} gony; simenitra 50 kilao {n} | q:bulk
CHAUX-25K | la chaux; le sac de chaux | un sac de chaux / sacs de chaux | sokay | sokay {n} gony; {n} gony sokay |
TUY-PVC32 | le tuyau PVC 32; le tuyau de 32; le PVC 32 mm | un tuyau PVC 32 / tuyaux PVC 32; un tuyau de 32 / tuyaux de 32; une longueur de PVC 32 / longueurs de PVC 32 | fantsona 32; fantsona PVC 32 | {n} fantsona 32; fantsona PVC 32 {n} | q:bulk
TUY-PVC40 | le tuyau PVC 40; le tuyau de 40; le PVC 40 mm | un tuyau PVC 40 / tuyaux PVC 40; un tuyau de 40 / tuyaux de 40 | fantsona 40; fantsona PVC 40 | {n} fantsona 40; fantsona PVC 40 {n} | q:bulk
TUY-PVC50 | le tuyau PVC 50; le tuyau de 50; le PVC 50 mm | un tuyau PVC 50 / tuyaux PVC 50; un tuyau de 50 / tuyaux de 50 | fantsona 50; fantsona PVC 50 | {n} fantsona 50; fantsona PVC 50 {n} | q:bulk
TUY-PVC63 | le tuyau PVC 63; le tuyau de 63; le PVC 63 mm | un tuyau PVC 63 / tuyaux PVC 63; un tuyau de 63 / tuyaux de 63 | fantsona 63; fantsona PVC 63 | {n} fantsona 63; fantsona PVC 63 {n} | q:bulk
COUDE-PVC32 | le coude de 32; le coude PVC 32 | un coude 32 / coudes 32 | | |
COUDE-PVC50 | le coude de 50; le coude PVC 50 | un coude 50 / coudes 50 | | |
COLLE-PVC-250 | la colle PVC; la colle pour tuyau | un pot de colle PVC / pots de colle PVC | lakoly PVC | lakoly PVC {n} |
TOLE-ONDU-2M | la tôle ondulée 2 m; la tôle de 2 mètres; la tôle 2 m | une tôle ondulée 2 m / tôles ondulées 2 m; une tôle de 2 m / tôles de 2 m | tôly 2 metatra; tôly 2 m | tôly 2 m {n}; {n} tôly 2 metatra | q:bulk
TOLE-ONDU-3M | la tôle ondulée 3 m; la tôle galvanisée de 3 m | une tôle ondulée 3 m / tôles ondulées 3 m; une tôle galvanisée 3 m / tôles galvanisées 3 m | tôly fotsy 3 metatra | tôly fotsy 3 m {n}; {n} tôly fotsy 3 metatra | q:bulk
TOLE-BAC-3M | la tôle bac; la tôle bac alu-zinc; la tôle rouge | une tôle bac / tôles bac | tôly bac; tôly mena | tôly bac {n}; {n} tôly mena | q:bulk
FAITIERE-2M | la faîtière; le faîtage | une faîtière / faîtières | | |
POINTE-TOLE-1K | les pointes à tôle; les clous à tôle; ~les clous parapluie | un kilo de pointes à tôle / kilos de pointes à tôle; un kilo de clous à tôle / kilos de clous à tôle | fantsika tôly | fantsika tôly {n} kilao; {n} kilao fantsika tôly | mass q:kg
POINTE-70-1K | les pointes de 70; les clous de 70 mm | un kilo de pointes de 70 / kilos de pointes de 70 | fantsika 70 | fantsika 70 {n} kilao; {n} kilao fantsika 70 | mass q:kg
POINTE-100-1K | les pointes de 100; les clous de 10 cm | un kilo de pointes de 100 / kilos de pointes de 100 | fantsika 100; ~fantsika 10 cm | fantsika 100 {n} kilao; {n} kilao fantsika 100 | mass q:kg
VIS-BOIS-4X40 | les vis à bois; la boîte de vis 4x40 | une boîte de vis à bois / boîtes de vis à bois | visy hazo | visy hazo {n} boaty; {n} boaty visy hazo |
VIS-TOLE-100 | les vis pour tôle; les vis autoperceuses | un paquet de vis à tôle / paquets de vis à tôle | visy tôly | visy tôly {n} fonosana; {n} fonosana visy tôly |
CHEVILLE-8 | les chevilles; les chevilles de 8 | un sachet de chevilles / sachets de chevilles | | |
PEINT-BLC-1L | la peinture blanche 1 L; le pot de peinture blanche de 1 litre | un pot de peinture 1 L / pots de peinture 1 L | loko fotsy 1 litatra | loko fotsy 1 litatra {n}; {n} loko fotsy 1 litatra |
PEINT-BLC-4L | la peinture blanche 4 L; le pot de peinture de 4 litres; ~le galon de peinture 4 L | un pot de peinture 4 L / pots de peinture 4 L; un galon de 4 L / galons de 4 L | loko fotsy 4 litatra; loko 4 L | loko fotsy 4 litatra {n}; {n} loko 4 L |
PEINT-BLC-20L | la peinture 20 L; le seau de peinture de 20 litres; le bidon de peinture 20 L | un seau de peinture 20 L / seaux de peinture 20 L; un bidon de 20 L / bidons de 20 L | loko fotsy 20 litatra; bidao loko 20 litatra | {n} bidao loko 20 litatra; loko 20 L {n} | q:few
LAQUE-NOIR-1L | la laque noire; la peinture glycéro noire; la peinture à huile noire | un pot de laque noire / pots de laque noire | loko mainty; loko menaka mainty | loko mainty {n}; {n} loko mainty |
LAQUE-ROUGE-1L | la laque rouge; la peinture glycéro rouge | un pot de laque rouge / pots de laque rouge | loko mena; loko menaka mena | loko mena {n}; {n} loko mena |
LAQUE-VERT-1L | la laque verte; la peinture glycéro verte | un pot de laque verte / pots de laque verte | loko maitso | loko maitso {n}; {n} loko maitso |
ANTIROUILLE-1L | l'antirouille; la peinture antirouille; ~le minium | un pot d'antirouille / pots d'antirouille | | |
DILUANT-1L | le diluant | un litre de diluant / litres de diluant | | | mass
PINCEAU-50 | le pinceau | un pinceau / pinceaux | borosy loko | borosy loko {n}; {n} borosy loko |
ROULEAU-180 | le rouleau à peinture; le rouleau | un rouleau / rouleaux | | |
ROBINET-LAITON | le robinet en laiton; le robinet métal | un robinet laiton / robinets laiton | robine varahina | robine varahina {n}; {n} robine varahina |
ROBINET-PVC | le robinet en plastique; le robinet PVC | un robinet PVC / robinets PVC | robine plastika | robine plastika {n}; {n} robine plastika |
TEFLON | le téflon; le ruban téflon | un rouleau de téflon / rouleaux de téflon | =téflon | {n} téflon |
CADENAS-40 | le petit cadenas; le cadenas 40 mm | un cadenas 40 / cadenas 40 | | |
CADENAS-60 | le gros cadenas; le cadenas 60 mm | un cadenas 60 / cadenas 60 | | |
SERRURE-PORTE | la serrure; la serrure de porte | une serrure / serrures | hidin-baravarana | hidin-baravarana {n}; {n} hidin-baravarana |
MARTEAU-500 | le marteau | un marteau / marteaux | marotoa | marotoa {n}; {n} marotoa |
TRUELLE | la truelle | une truelle / truelles | | |
PELLE | la pelle; la pelle ronde | une pelle / pelles | | |
BROUETTE-90 | la brouette | une brouette / brouettes | | | q:few
FIL-ELEC-1.5 | le fil électrique 1,5; le fil de 1,5 mm²; le rouleau de fil 1.5 | un rouleau de fil 1,5 / rouleaux de fil 1,5 | tariby herinaratra 1,5 | {n} horonana tariby 1,5; tariby 1,5 {n} horonana | q:few
FIL-ELEC-2.5 | le fil électrique 2,5; le fil de 2,5 mm²; le rouleau de fil 2.5 | un rouleau de fil 2,5 / rouleaux de fil 2,5 | tariby herinaratra 2,5 | {n} horonana tariby 2,5; tariby 2,5 {n} horonana | q:few
AMPOULE-LED-9W | l'ampoule LED; l'ampoule 9 W; l'ampoule | une ampoule / ampoules | jiro LED | jiro LED {n}; {n} jiro LED |
"""

FAMILIES = """
fer: FER-HA6 FER-HA8 FER-HA10 FER-HA12 | le fer à béton; le fer; les barres de fer; ~le fer HA | une barre de fer / barres de fer; un fer à béton / fers à béton | vy; vy betona | {n} vy betona; vy {n}; vy betona {n} | q:bulk
ciment: CIM-25K CIM-50K | le ciment; le sac de ciment | un sac de ciment / sacs de ciment | simenitra; gony simenitra | {n} gony simenitra; simenitra {n} gony; simenitra {n} | q:bulk
tuyau: TUY-PVC32 TUY-PVC40 TUY-PVC50 TUY-PVC63 | le tuyau PVC; le tuyau; les tuyaux d'eau | un tuyau PVC / tuyaux PVC; un tuyau / tuyaux | fantsona; fantsona PVC | {n} fantsona; fantsona {n} | q:bulk
coude: COUDE-PVC32 COUDE-PVC50 | le coude PVC; le coude | un coude / coudes | | |
tole: TOLE-ONDU-2M TOLE-ONDU-3M TOLE-BAC-3M | la tôle; les tôles | une tôle / tôles | tôly | {n} tôly; tôly {n} | q:bulk
tole-ondulee: TOLE-ONDU-2M TOLE-ONDU-3M | la tôle ondulée; la tôle galvanisée | une tôle ondulée / tôles ondulées | tôly fotsy | {n} tôly fotsy; tôly fotsy {n} | q:bulk
tole-3m: TOLE-ONDU-3M TOLE-BAC-3M | la tôle 3 m; la tôle de 3 mètres | une tôle de 3 m / tôles de 3 m | tôly 3 metatra | {n} tôly 3 metatra; tôly 3 m {n} | q:bulk
pointes: POINTE-TOLE-1K POINTE-70-1K POINTE-100-1K | les pointes; les clous | un kilo de pointes / kilos de pointes; un kilo de clous / kilos de clous | fantsika | fantsika {n} kilao; {n} kilao fantsika | mass q:kg
vis: VIS-BOIS-4X40 VIS-TOLE-100 | les vis | une boîte de vis / boîtes de vis | visy | visy {n}; {n} visy |
peinture: PEINT-BLC-1L PEINT-BLC-4L PEINT-BLC-20L LAQUE-NOIR-1L LAQUE-ROUGE-1L LAQUE-VERT-1L | la peinture | | loko | |
peinture-blanche: PEINT-BLC-1L PEINT-BLC-4L PEINT-BLC-20L | la peinture blanche; la peinture à eau | un pot de peinture blanche / pots de peinture blanche | loko fotsy | loko fotsy {n}; {n} loko fotsy |
laque: LAQUE-NOIR-1L LAQUE-ROUGE-1L LAQUE-VERT-1L | la laque; la peinture glycéro; la peinture à huile | un pot de laque / pots de laque | loko menaka | loko menaka {n}; {n} loko menaka |
robinet: ROBINET-LAITON ROBINET-PVC | le robinet | un robinet / robinets | robine | robine {n}; {n} robine |
cadenas: CADENAS-40 CADENAS-60 | le cadenas | un cadenas / cadenas | | |
fil-elec: FIL-ELEC-1.5 FIL-ELEC-2.5 | le fil électrique; le câble électrique | un rouleau de fil électrique / rouleaux de fil électrique | tariby herinaratra; tariby jiro | {n} horonana tariby; tariby herinaratra {n} | q:few
"""

CATEGORIES = """
FER-HA6 FER-HA8 FER-HA10 FER-HA12 FIL-RECUIT-1K CIM-25K CIM-50K | gros oeuvre; matériaux de construction | couler une dalle; construire un mur; ~faire un poteau | fitaovana fanorenana | fanorenana trano; ~fanaovana rihana
TUY-PVC32 TUY-PVC40 TUY-PVC50 TUY-PVC63 COUDE-PVC32 COUDE-PVC50 COLLE-PVC-250 ROBINET-LAITON ROBINET-PVC TEFLON | plomberie; ~articles de plomberie | faire l'installation d'eau; ~réparer une fuite d'eau | fitaovana rano | fitarihana rano
TOLE-ONDU-2M TOLE-ONDU-3M TOLE-BAC-3M FAITIERE-2M POINTE-TOLE-1K VIS-TOLE-100 | couverture; toiture | refaire le toit; ~couvrir une maison | fitaovana tafo | fanamboarana tafo; ~fanaovana tafo
PEINT-BLC-1L PEINT-BLC-4L PEINT-BLC-20L LAQUE-NOIR-1L LAQUE-ROUGE-1L LAQUE-VERT-1L ANTIROUILLE-1L DILUANT-1L PINCEAU-50 ROULEAU-180 | peintures; articles de peinture | peindre une maison; ~repeindre un portail en fer | karazana loko; fitaovana fandokoana | fandokoana trano
MARTEAU-500 TRUELLE PELLE BROUETTE-90 | outils; ~outillage | | fitaovana; ~fitaovam-piasana |
FIL-ELEC-1.5 FIL-ELEC-2.5 AMPOULE-LED-9W | matériel électrique; ~électricité | faire l'électricité de la maison | fitaovana herinaratra | fametrahana jiro
CADENAS-40 CADENAS-60 SERRURE-PORTE | serrures et cadenas | fermer une porte | |
"""

NOT_SOLD_FR = ["le carrelage", "le bois de charpente", "les briques", "le sable", "~le gravier",
               "les portes en bois", "~les cuvettes WC", "les perceuses", "les fenêtres alu",
               "le fer de 14", "~le fer de 16"]
NOT_SOLD_MG = ["biriky", "fasika", "vato", "hazo", "~taila", "varavarana", "=vy 14", "~=vy 16"]
FAQ_FR = ["vous coupez le fer à la longueur ?", "les barres de fer font combien de mètres ?",
          "vous faites des factures pour les sociétés ?", "vous teintez la peinture ?",
          "~je peux avoir le fer coupé en 3 m ?", "~la barre de 10 fait 12 m ou 6 m ?",
          "~vous mettez le NIF sur la facture ?"]
FAQ_MG = ["tapahinareo ve ny vy?", "firy metatra ny halavan'ny vy iray?",
          "~manome faktiora ho an'ny orinasa ve ianareo?"]
PLACES_OUT = ["Ambositra", "Antananarivo", "Fianarantsoa", "Faratsiho", "Miandrivazo",
              "Ambatolampy", "Morondava"]
FAQ_GENERIC = ["where", "warranty", "returns"]

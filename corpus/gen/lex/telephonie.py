# Andry Phone (Behoririka, Antananarivo). Format: see gen/lexicon.py.
# Accessories are named in French by Malagasy speakers too (chargeur, coque, écouteurs):
# a Malagasy sentence around them is labelled mixed, as in the fixture ("Misy câble USB-C ve?").

PRODUCTS = """
TEL-A06-64 | =le Galaxy A06 64 Go; =le Samsung A06 64 Go; =le A06 64 Go | un A06 64 Go / A06 64 Go; un Samsung A06 64 Go / Samsung A06 64 Go | =A06 64 Go; finday Samsung A06 64 Go | {n} A06 64 Go; A06 64 Go {n} | q:few dev
TEL-A06-128 | =le Galaxy A06 128 Go; =le Samsung A06 128 Go; =le A06 128 Go | un A06 128 Go / A06 128 Go; un Samsung A06 128 Go / Samsung A06 128 Go | =A06 128 Go; finday Samsung A06 128 Go | {n} A06 128 Go; A06 128 Go {n} | q:few dev
TEL-A16-128 | =le Galaxy A16; =le Samsung A16; =le A16 128 Go | un A16 / A16; un Samsung A16 / Samsung A16 | =A16; =Samsung A16; finday A16 | {n} A16; Samsung A16 {n} | q:few dev
TEL-14C-128 | =le Redmi 14C 128 Go; =le Xiaomi 14C 128 Go; ~=le 14C 128 | un Redmi 14C 128 Go / Redmi 14C 128 Go | =Redmi 14C 128 Go | {n} Redmi 14C 128 Go; Redmi 14C 128 Go {n} | q:few dev
TEL-14C-256 | =le Redmi 14C 256 Go; =le Xiaomi 14C 256 Go | un Redmi 14C 256 Go / Redmi 14C 256 Go | =Redmi 14C 256 Go | {n} Redmi 14C 256 Go; Redmi 14C 256 Go {n} | q:few dev
TEL-SPARK30-128 | =le Tecno Spark 30; =le Spark 30 | un Spark 30 / Spark 30; un Tecno Spark 30 / Tecno Spark 30 | =Tecno Spark 30; =Spark 30 | {n} Spark 30; Tecno Spark 30 {n} | q:few dev
TEL-ITEL-A70 | =l'Itel A70; =le A70 | un Itel A70 / Itel A70 | =Itel A70 | {n} Itel A70; Itel A70 {n} | q:few dev
TEL-ITEL-2175 | =l'Itel 2175; l'Itel à touches | un Itel 2175 / Itel 2175 | =Itel 2175 | {n} Itel 2175; Itel 2175 {n} | q:few dev
TEL-NOKIA-105 | =le Nokia 105; le Nokia à touches | un Nokia 105 / Nokia 105 | =Nokia 105 | {n} Nokia 105; Nokia 105 {n} | q:few dev
TEL-IP13-128 | =l'iPhone 13; l'iPhone 13 reconditionné; ~=le iphone 13 | un iPhone 13 / iPhone 13 | =iPhone 13 | {n} iPhone 13 | q:few dev
CHG-10W-MICRO | le chargeur micro-USB; le chargeur 10 W; le petit chargeur | un chargeur micro-USB / chargeurs micro-USB; un chargeur 10 W / chargeurs 10 W | | | dev
CHG-20W-USBC | le chargeur rapide 20 W; le chargeur 20 W; le chargeur USB-C 20 W | un chargeur 20 W / chargeurs 20 W; un chargeur rapide 20 W / chargeurs rapides 20 W | | | dev
CHG-25W-SAM | le chargeur Samsung 25 W; le chargeur 25 W; le chargeur Samsung d'origine | un chargeur Samsung 25 W / chargeurs Samsung 25 W; un chargeur 25 W / chargeurs 25 W | | | dev
CBL-USBC-1M | le câble USB-C; le câble type C | un câble USB-C / câbles USB-C; un câble type C / câbles type C | tariby USB-C | tariby USB-C {n}; {n} tariby USB-C |
CBL-MICRO-1M | le câble micro-USB; ~le câble Android micro USB | un câble micro-USB / câbles micro-USB | tariby micro-USB | tariby micro-USB {n} |
CBL-LIGHT-1M | le câble Lightning; le câble iPhone | un câble iPhone / câbles iPhone; un câble Lightning / câbles Lightning | tariby iPhone | tariby iPhone {n} |
COQ-A06 | la coque A06; la coque du Galaxy A06; la coque Samsung A06 | une coque A06 / coques A06 | | |
COQ-A16 | la coque A16; la coque du Galaxy A16 | une coque A16 / coques A16 | | |
COQ-14C | la coque Redmi 14C; la coque du 14C | une coque Redmi 14C / coques Redmi 14C | | |
COQ-SPARK30 | la coque Spark 30; la coque du Tecno Spark 30 | une coque Spark 30 / coques Spark 30 | | |
COQ-IP13 | la coque iPhone 13; la coque de l'iPhone 13 | une coque iPhone 13 / coques iPhone 13 | | |
VIT-A06 | le verre trempé A06; la vitre de protection A06; ~la protection d'écran du A06 | un verre trempé A06 / verres trempés A06 | | |
VIT-14C | le verre trempé Redmi 14C; la vitre de protection 14C | un verre trempé 14C / verres trempés 14C | | |
VIT-IP13 | le verre trempé iPhone 13; la vitre iPhone 13 | un verre trempé iPhone 13 / verres trempés iPhone 13 | | |
ECO-JACK | les écouteurs jack; les écouteurs filaires jack; le kit main libre | une paire d'écouteurs jack / paires d'écouteurs jack; un écouteur jack / écouteurs jack | | | dev
ECO-USBC | les écouteurs USB-C; les écouteurs type C | un écouteur USB-C / écouteurs USB-C | | | dev
ECO-BT | les écouteurs Bluetooth; les écouteurs sans fil; ~les airpods | une paire d'écouteurs Bluetooth / paires d'écouteurs Bluetooth; un écouteur Bluetooth / écouteurs Bluetooth | | | dev
CASQUE-BT | le casque Bluetooth; le casque audio | un casque Bluetooth / casques Bluetooth | | | dev
PB-10000 | =le power bank 10000 mAh; la batterie externe 10000; =le powerbank 10000 | un power bank 10000 / power banks 10000; une batterie externe 10000 / batteries externes 10000 | =power bank 10000; =powerbank 10000 mAh | {n} power bank 10000; powerbank 10000 {n} | dev
PB-20000 | =le power bank 20000 mAh; la batterie externe 20000; =le powerbank 20000 | un power bank 20000 / power banks 20000; une batterie externe 20000 / batteries externes 20000 | =power bank 20000; =powerbank 20000 mAh | {n} power bank 20000; powerbank 20000 {n} | dev
SD-32 | la carte mémoire 32 Go; la carte SD 32 Go; la micro SD 32 Go | une carte mémoire 32 Go / cartes mémoire 32 Go; une carte SD 32 Go / cartes SD 32 Go | | | dev
SD-64 | la carte mémoire 64 Go; la carte SD 64 Go; la micro SD 64 Go | une carte mémoire 64 Go / cartes mémoire 64 Go; une carte SD 64 Go / cartes SD 64 Go | | | dev
SD-128 | la carte mémoire 128 Go; la carte SD 128 Go; la micro SD 128 Go | une carte mémoire 128 Go / cartes mémoire 128 Go; une carte SD 128 Go / cartes SD 128 Go | | | dev
USB-32 | la clé USB 32 Go; la clé USB; ~la flash disk | une clé USB / clés USB | =flash 32 Go | {n} flash 32 Go | dev
ENC-BT | l'enceinte Bluetooth; le baffle Bluetooth; ~la petite enceinte | une enceinte Bluetooth / enceintes Bluetooth | | | dev
MONTRE-CONN | la montre connectée; =la smartwatch | une montre connectée / montres connectées | | | dev
SUPPORT-VOIT | le support téléphone voiture; le support voiture | un support voiture / supports voiture | | |
PUCE-TELMA | la puce Telma; la carte SIM Telma | une puce Telma / puces Telma | | |
PUCE-ORANGE | la puce Orange; la carte SIM Orange | une puce Orange / puces Orange | | |
PUCE-AIRTEL | la puce Airtel; la carte SIM Airtel | une puce Airtel / puces Airtel | | |
"""

FAMILIES = """
a06: TEL-A06-64 TEL-A06-128 | =le Galaxy A06; =le Samsung A06; =le A06 | un A06 / A06; un Galaxy A06 / Galaxy A06; un Samsung A06 / Samsung A06 | =A06; =Samsung A06; finday A06 | {n} A06; Samsung A06 {n}; finday A06 {n} | q:few
redmi14c: TEL-14C-128 TEL-14C-256 | =le Redmi 14C; =le Xiaomi Redmi 14C | un Redmi 14C / Redmi 14C | =Redmi 14C | {n} Redmi 14C; Redmi 14C {n} | q:few
samsung: TEL-A06-64 TEL-A06-128 TEL-A16-128 | les Samsung; les téléphones Samsung | | finday Samsung; =Samsung | |
touches: TEL-ITEL-2175 TEL-NOKIA-105 | les téléphones à touches; le petit téléphone à touches | un téléphone à touches / téléphones à touches | finday tsotra | finday tsotra {n}; {n} finday tsotra | q:few
chargeur: CHG-10W-MICRO CHG-20W-USBC CHG-25W-SAM | le chargeur; le chargeur de téléphone | un chargeur / chargeurs | | |
cable: CBL-USBC-1M CBL-MICRO-1M CBL-LIGHT-1M | le câble; le câble de charge | un câble / câbles | tariby; tariby finday | tariby {n}; {n} tariby |
coque: COQ-A06 COQ-A16 COQ-14C COQ-SPARK30 COQ-IP13 | la coque; les coques de téléphone | une coque / coques | | |
verre: VIT-A06 VIT-14C VIT-IP13 | le verre trempé; la protection d'écran | un verre trempé / verres trempés | | |
ecouteurs: ECO-JACK ECO-USBC ECO-BT | les écouteurs | une paire d'écouteurs / paires d'écouteurs; un écouteur / écouteurs | | |
ecouteurs-fil: ECO-JACK ECO-USBC | les écouteurs filaires; les écouteurs avec fil | un écouteur filaire / écouteurs filaires | | |
powerbank: PB-10000 PB-20000 | =le power bank; la batterie externe; =le powerbank | un power bank / power banks; une batterie externe / batteries externes | =power bank; =powerbank | {n} power bank; powerbank {n} |
sd: SD-32 SD-64 SD-128 | la carte mémoire; la carte SD; la micro SD | une carte mémoire / cartes mémoire; une carte SD / cartes SD | | |
puce: PUCE-TELMA PUCE-ORANGE PUCE-AIRTEL | la puce; la carte SIM | une puce / puces | | |
"""

CATEGORIES = """
TEL-A06-64 TEL-A06-128 TEL-A16-128 TEL-14C-128 TEL-14C-256 TEL-SPARK30-128 TEL-ITEL-A70 TEL-ITEL-2175 TEL-NOKIA-105 TEL-IP13-128 | téléphones; smartphones; ~portables | | finday; telefaona; ~karazana finday |
CHG-10W-MICRO CHG-20W-USBC CHG-25W-SAM CBL-USBC-1M CBL-MICRO-1M CBL-LIGHT-1M PB-10000 PB-20000 | accessoires de charge; ~trucs pour recharger | recharger mon téléphone | |
ECO-JACK ECO-USBC ECO-BT CASQUE-BT ENC-BT | accessoires audio | écouter de la musique; ~écouter la radio | | fihainoana mozika
COQ-A06 COQ-A16 COQ-14C COQ-SPARK30 COQ-IP13 VIT-A06 VIT-14C VIT-IP13 | protections de téléphone | protéger mon téléphone; ~protéger l'écran | | fiarovana finday
SD-32 SD-64 SD-128 USB-32 | cartes mémoire et clés USB; ~stockage | stocker des photos; ~avoir plus de mémoire | | fitehirizana sary
PB-10000 PB-20000 | | les coupures de courant; ~le délestage | | fahatapahan-jiro
"""

NOT_SOLD_FR = ["les ordinateurs portables", "les télévisions", "les tablettes", "les imprimantes",
               "~les consoles de jeux", "les frigos", "=les iPhone 15", "=les Galaxy S24",
               "~=les Huawei", "les antennes TNT"]
NOT_SOLD_MG = ["solosaina", "fahitalavitra", "=iPhone 15", "=Galaxy S24", "~=Huawei",
               "~milina fanontam-pirinty"]
FAQ_FR = ["vous réparez les téléphones ?", "vous changez les écrans cassés ?",
          "les téléphones sont neufs ou d'occasion ?", "vous reprenez mon ancien téléphone ?",
          "~vous faites le transfert des contacts ?",
          "~c'est des vrais Samsung ou des copies ?"]
FAQ_MG = ["manamboatra finday ve ianareo?", "vaovao ve ny finday sa efa niasa?",
          "~mandray finday efa niasa ho takalo ve ianareo?"]
PLACES_OUT = ["Antsirabe", "Toamasina", "Mahajanga", "Fianarantsoa", "Toliara", "Ambositra",
              "Moramanga", "Ambatondrazaka", "Diego"]
FAQ_GENERIC = ["where", "warranty", "returns"]

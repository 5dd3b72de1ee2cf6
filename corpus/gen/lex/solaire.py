# Masoandro Solaire (Fianarantsoa). Format: see gen/lexicon.py.
# Panels, regulators and converters are named in French (panneau, régulateur, convertisseur)
# by Malagasy speakers too; batteries are "bateria", bulbs "jiro", cables "tariby".

PRODUCTS = """
PAN-50W | le panneau 50 W; le panneau solaire 50 watts; ~le petit panneau de 50 | un panneau 50 W / panneaux 50 W; un panneau solaire 50 W / panneaux solaires 50 W | | | q:few dev
PAN-100W | le panneau 100 W; le panneau solaire 100 watts | un panneau 100 W / panneaux 100 W; un panneau solaire 100 W / panneaux solaires 100 W | | | q:few dev
PAN-200W | le panneau 200 W; le panneau solaire 200 watts; ~le panneau 24 V | un panneau 200 W / panneaux 200 W; un panneau solaire 200 W / panneaux solaires 200 W | | | q:few dev
BAT-40AH | la batterie 40 Ah; la batterie solaire 40 | une batterie 40 Ah / batteries 40 Ah | bateria 40 Ah; bateria 40 | bateria 40 Ah {n}; {n} bateria 40 Ah | q:few dev
BAT-100AH | la batterie 100 Ah; la batterie gel 100 | une batterie 100 Ah / batteries 100 Ah | bateria 100 Ah; bateria 100 | bateria 100 Ah {n}; {n} bateria 100 Ah | q:few dev
BAT-200AH | la batterie 200 Ah; la batterie gel 200 Ah | une batterie 200 Ah / batteries 200 Ah | bateria 200 Ah | bateria 200 Ah {n}; {n} bateria 200 Ah | q:few dev
REG-10A | le régulateur 10 A; le régulateur 10 ampères | un régulateur 10 A / régulateurs 10 A | | | q:few dev
REG-20A | le régulateur 20 A; le régulateur 20 ampères | un régulateur 20 A / régulateurs 20 A | | | q:few dev
REG-30A | le régulateur 30 A; le régulateur 30 ampères | un régulateur 30 A / régulateurs 30 A | | | q:few dev
REG-MPPT-40A | le régulateur MPPT; =le MPPT 40 A | un régulateur MPPT / régulateurs MPPT | =MPPT 40 A | {n} MPPT 40 A | q:few dev
CONV-300W | le convertisseur 300 W; l'onduleur 300 W | un convertisseur 300 W / convertisseurs 300 W | | | q:few dev
CONV-1000W | le convertisseur 1000 W; le convertisseur pur sinus; l'onduleur 1000 W | un convertisseur 1000 W / convertisseurs 1000 W | | | q:few dev
LED12-5W | l'ampoule 12 V 5 W; l'ampoule LED 5 W | une ampoule 12 V 5 W / ampoules 12 V 5 W; une ampoule 5 W / ampoules 5 W | jiro 5 W; jiro 12 V 5 W | {n} jiro 5 W; jiro 5 W {n} | dev
LED12-9W | l'ampoule 12 V 9 W; l'ampoule LED 9 W | une ampoule 12 V 9 W / ampoules 12 V 9 W; une ampoule 9 W / ampoules 9 W | jiro 9 W; jiro 12 V 9 W | {n} jiro 9 W; jiro 9 W {n} | dev
LED220-12W | l'ampoule 220 V; l'ampoule 12 W 220 V | une ampoule 220 V / ampoules 220 V | jiro 220 V | {n} jiro 220 V; jiro 220 V {n} | dev
CABLE-SOL-4 | le câble solaire 4 mm²; le câble solaire; le câble 4 mm² | un mètre de câble solaire / mètres de câble solaire; un mètre de câble 4 mm² / mètres de câble 4 mm² | tariby 4 mm² | tariby 4 mm² {n} metatra; {n} metatra tariby 4 mm² | mass q:m
CABLE-2X1.5 | le câble 2x1,5; le câble souple 2x1.5 | un mètre de câble 2x1,5 / mètres de câble 2x1,5 | tariby 2x1,5 | tariby 2x1,5 {n} metatra; {n} metatra tariby 2x1,5 | mass q:m
CABLE-2X2.5 | le câble 2x2,5; le câble souple 2x2.5 | un mètre de câble 2x2,5 / mètres de câble 2x2,5 | tariby 2x2,5 | tariby 2x2,5 {n} metatra; {n} metatra tariby 2x2,5 | mass q:m
MC4-PAIRE | les connecteurs MC4; la paire de MC4; =les MC4 | une paire de MC4 / paires de MC4 | =MC4 | MC4 {n}; {n} MC4 |
INTER-SIMPLE | l'interrupteur | un interrupteur / interrupteurs | | |
PRISE-DOUBLE | la prise double; la prise | une prise double / prises doubles | | |
DOUILLE-E27 | la douille; la douille E27 | une douille / douilles | | |
DISJ-DC-16A | le disjoncteur DC; le disjoncteur 16 A | un disjoncteur / disjoncteurs | | | q:few dev
KIT-50W | le kit solaire 50 W; le kit 50 W; le petit kit | un kit 50 W / kits 50 W | =kit 50 W | {n} kit 50 W; kit 50 W {n} | q:few dev
KIT-100W | le kit solaire 100 W; le kit 100 W; le grand kit | un kit 100 W / kits 100 W | =kit 100 W | {n} kit 100 W; kit 100 W {n} | q:few dev
LAMPE-SOL-USB | la lampe solaire; la lampe solaire portable; la lampe avec USB | une lampe solaire / lampes solaires | jiro masoandro; ~jiro solaire kely | jiro masoandro {n}; {n} jiro masoandro | dev
LAMPADAIRE-60W | le lampadaire solaire; le lampadaire; ~l'éclairage de rue | un lampadaire / lampadaires | jiro an-dalambe | jiro an-dalambe {n} | q:few dev
VENTILO-12V | le ventilateur 12 V; le ventilo | un ventilateur / ventilateurs | | | q:few dev
TV-24-12V | la télé 12 V; la télévision 24 pouces | une télé 24 pouces / télés 24 pouces | fahitalavitra; fahitalavitra 12 V | fahitalavitra {n}; {n} fahitalavitra | q:few dev
RADIO-SOL | la radio solaire; la radio | une radio solaire / radios solaires | =radio | radio {n}; {n} radio | q:few dev
POMPE-12V | la pompe solaire; la pompe à eau | une pompe / pompes | paompy rano | paompy rano {n} | q:few dev
SUPPORT-PAN | le support de panneau; le support pour toit | un support / supports | | | q:few
"""

FAMILIES = """
panneau: PAN-50W PAN-100W PAN-200W | le panneau solaire; le panneau; les panneaux | un panneau / panneaux; un panneau solaire / panneaux solaires | | | q:few
batterie: BAT-40AH BAT-100AH BAT-200AH | la batterie; la batterie solaire | une batterie / batteries | bateria | bateria {n}; {n} bateria | q:few
bat-gel: BAT-100AH BAT-200AH | la batterie gel | une batterie gel / batteries gel | | | q:few
regulateur: REG-10A REG-20A REG-30A REG-MPPT-40A | le régulateur; le régulateur de charge | un régulateur / régulateurs | | | q:few
reg-pwm: REG-10A REG-20A REG-30A | le régulateur PWM | un régulateur PWM / régulateurs PWM | | | q:few
convertisseur: CONV-300W CONV-1000W | le convertisseur; l'onduleur | un convertisseur / convertisseurs | | | q:few
ampoule: LED12-5W LED12-9W LED220-12W | l'ampoule; les ampoules LED | une ampoule / ampoules | jiro; jiro LED | jiro {n}; {n} jiro |
ampoule-12v: LED12-5W LED12-9W | l'ampoule 12 V; l'ampoule LED 12 V | une ampoule 12 V / ampoules 12 V | jiro 12 V | {n} jiro 12 V; jiro 12 V {n} |
cable: CABLE-SOL-4 CABLE-2X1.5 CABLE-2X2.5 | le câble; le câble électrique | un mètre de câble / mètres de câble | tariby | tariby {n} metatra; {n} metatra tariby | mass q:m
kit: KIT-50W KIT-100W | le kit solaire; le kit | un kit solaire / kits solaires; un kit / kits | =kit | {n} kit; kit {n} | q:few
"""

CATEGORIES = """
KIT-50W KIT-100W PAN-50W PAN-100W BAT-40AH BAT-100AH REG-10A REG-20A | | éclairer une maison; ~avoir l'électricité à la campagne | | fanazavana trano
LED12-5W LED12-9W LED220-12W LAMPE-SOL-USB LAMPADAIRE-60W | éclairage; lampes | | karazana jiro |
CABLE-SOL-4 CABLE-2X1.5 CABLE-2X2.5 MC4-PAIRE INTER-SIMPLE PRISE-DOUBLE DOUILLE-E27 DISJ-DC-16A | matériel d'installation; ~câblage | faire l'installation électrique | fitaovana fametrahana herinaratra | fametrahana jiro
VENTILO-12V TV-24-12V RADIO-SOL | appareils 12 V; ~appareils qui marchent sur batterie | ~regarder la télé sans la Jirama | |
REG-10A REG-20A REG-30A REG-MPPT-40A CONV-300W CONV-1000W | régulateurs et convertisseurs | brancher des appareils 220 V sur batterie | |
"""

NOT_SOLD_FR = ["les groupes électrogènes", "les frigos solaires", "~les chauffe-eau solaires",
               "les climatiseurs", "le gasoil", "les éoliennes", "~les panneaux 400 W",
               "les batteries de voiture"]
NOT_SOLD_MG = ["milina mpamokatra herinaratra", "~vata fampangatsiahana", "solika",
               "bateria fiara", "~=panneau 400 W"]
FAQ_FR = ["vous faites l'installation ?", "l'installation coûte combien ?",
          "une batterie dure combien de temps ?", "la garantie des panneaux c'est combien ?",
          "~vous pouvez venir installer à Ambalavao ?", "~une batterie gel tient combien d'années ?"]
FAQ_MG = ["manao fametrahana ve ianareo?", "ohatrinona ny fametrahana?",
          "maharitra firy taona ny bateria?", "~afaka tonga mametraka any Ambalavao ve ianareo?"]
PLACES_OUT = ["Ambositra", "Manakara", "Ihosy", "Ranomafana", "Farafangana", "Antsirabe",
              "Mananjary"]
FAQ_GENERIC = ["where", "warranty", "returns"]

# Pharmacie Soa (Ampasampito, Antananarivo). Format: see gen/lexicon.py.
# International drug names (paracétamol, ibuprofène, amoxicilline...) are language-neutral.
# Products flagged rx are prescription-only: any request for them is handed to a pharmacist
# (intent human, skus = the drug), and so is any request for medical advice (ADVICE_*).

PRODUCTS = """
PARA-500-10 | la plaquette de paracétamol 500; le paracétamol 500 en plaquette | une plaquette de paracétamol 500 / plaquettes de paracétamol 500 | =paracétamol 500 iray plaquette | *{n} plaquette paracétamol 500; *paracétamol 500 {n} plaquette |
PARA-500-100 | la boîte de 100 paracétamol; le paracétamol 500 en boîte de 100 | une boîte de 100 paracétamol / boîtes de 100 paracétamol; une boîte de paracétamol 500 x100 / boîtes de paracétamol 500 x100 | | | q:few
PARA-1G-8 | =le paracétamol 1 g; =le paracétamol 1000 | une boîte de paracétamol 1 g / boîtes de paracétamol 1 g | =paracétamol 1 g; =paracétamol 1000 | {n} boaty paracétamol 1 g; paracétamol 1000 {n} boaty |
PARA-SIROP-120 | le paracétamol en sirop; le sirop paracétamol pour enfant | un sirop paracétamol / sirops paracétamol; un flacon de paracétamol sirop / flacons de paracétamol sirop | | | q:few
IBU-200-20 | =l'ibuprofène 200; =l'ibuprofène 200 mg | une boîte d'ibuprofène 200 / boîtes d'ibuprofène 200 | =ibuprofène 200 | {n} boaty ibuprofène 200; ibuprofène 200 {n} |
IBU-400-20 | =l'ibuprofène 400; =l'ibuprofène 400 mg | une boîte d'ibuprofène 400 / boîtes d'ibuprofène 400 | =ibuprofène 400 | {n} boaty ibuprofène 400; ibuprofène 400 {n} |
SIROP-TOUX-SEC | le sirop pour la toux sèche; le sirop toux sèche | un sirop toux sèche / sirops toux sèche | fanafody kohaka maina | fanafody kohaka maina {n}; {n} fanafody kohaka maina | q:few
SIROP-TOUX-GRAS | le sirop pour la toux grasse; le sirop toux grasse | un sirop toux grasse / sirops toux grasse | fanafody kohaka misy rehoka | fanafody kohaka misy rehoka {n} | q:few
SRO-SACHET | =le SRO; les sels de réhydratation; le sachet de SRO | un sachet de SRO / sachets de SRO | =SRO | {n} SRO; SRO {n} |
VITC-500 | la vitamine C 500; la vitamine C à croquer | une boîte de vitamine C 500 / boîtes de vitamine C 500 | vitamina C 500 | vitamina C 500 {n}; {n} boaty vitamina C 500 |
VITC-1000 | la vitamine C 1000; la vitamine C effervescente | un tube de vitamine C 1000 / tubes de vitamine C 1000 | vitamina C 1000 | vitamina C 1000 {n} |
MULTIVIT-30 | les multivitamines adulte; les vitamines pour adulte | une boîte de multivitamines / boîtes de multivitamines | vitamina ho an'ny olon-dehibe | |
MULTIVIT-SIROP | le sirop multivitamines; les vitamines en sirop pour enfant | un sirop multivitamines / sirops multivitamines | vitamina ho an'ny ankizy | | q:few
FER-FOLIQUE-30 | le fer acide folique; les comprimés de fer pour femme enceinte | une boîte de fer acide folique / boîtes de fer acide folique | | |
MOUST-1P | la moustiquaire 1 place; la petite moustiquaire | une moustiquaire 1 place / moustiquaires 1 place | lay kely | lay kely {n}; {n} lay kely |
MOUST-2P | la moustiquaire 2 places; la grande moustiquaire | une moustiquaire 2 places / moustiquaires 2 places | lay lehibe | lay lehibe {n}; {n} lay lehibe |
REPULSIF-100 | l'anti-moustique; la lotion anti-moustiques; le répulsif | une lotion anti-moustiques / lotions anti-moustiques | fandroahana moka | |
PRESERV-3 | la boîte de 3 préservatifs; les préservatifs par 3 | une boîte de 3 préservatifs / boîtes de 3 préservatifs | kapaoty boaty kely | kapaoty boaty kely {n}; {n} boaty kely kapaoty |
PRESERV-12 | la boîte de 12 préservatifs; les préservatifs par 12 | une boîte de 12 préservatifs / boîtes de 12 préservatifs | kapaoty boaty lehibe | kapaoty boaty lehibe {n}; {n} boaty lehibe kapaoty |
GEL-HYDRO-100 | le gel hydroalcoolique 100 ml; le petit gel; le petit flacon de gel | un gel 100 ml / gels 100 ml; un flacon de gel hydroalcoolique 100 ml / flacons de gel hydroalcoolique 100 ml | =gel 100 ml | {n} gel 100 ml; gel 100 ml {n} |
GEL-HYDRO-500 | le gel hydroalcoolique 500 ml; le grand gel; le gel 500 ml | un gel 500 ml / gels 500 ml; un flacon de gel 500 ml / flacons de gel 500 ml | =gel 500 ml | {n} gel 500 ml; gel 500 ml {n} |
ALCOOL-90-250 | l'alcool 90; l'alcool à 90 degrés | un flacon d'alcool 90 / flacons d'alcool 90 | alikaola 90 | alikaola 90 {n}; {n} alikaola 90 |
ANTISEPT-125 | la bétadine; l'antiseptique; ~la povidone iodée | un flacon d'antiseptique / flacons d'antiseptique; une bétadine / bétadines | | |
COMPRESSES-10 | les compresses; les compresses stériles | un paquet de compresses / paquets de compresses | | |
PANSEMENTS-20 | les pansements; la boîte de pansements; ~les sparadraps | une boîte de pansements / boîtes de pansements | | |
THERMO-DIGIT | le thermomètre; le thermomètre digital | un thermomètre / thermomètres | fandrefesana hafanana | | q:few
TENSIO-BRAS | le tensiomètre; l'appareil pour la tension | un tensiomètre / tensiomètres | milina fandrefesana tosidra | | q:few
TEST-GROSSESSE | le test de grossesse | un test de grossesse / tests de grossesse | | | q:few
MASQUE-50 | les masques; la boîte de masques; les masques chirurgicaux | une boîte de masques / boîtes de masques | | |
COUCHES-T3 | les couches taille 3; le paquet de couches taille 3 | un paquet de couches taille 3 / paquets de couches taille 3 | | |
COUCHES-T4 | les couches taille 4; le paquet de couches taille 4 | un paquet de couches taille 4 / paquets de couches taille 4 | | |
LAIT-BB-1 | le lait 1er âge; le lait bébé 1er âge; ~le lait pour nourrisson | une boîte de lait 1er âge / boîtes de lait 1er âge | | |
LAIT-BB-2 | le lait 2e âge; le lait bébé 2e âge | une boîte de lait 2e âge / boîtes de lait 2e âge | | |
CREME-CHANGE-100 | la crème pour le change; la crème pour les fesses de bébé; ~la crème érythème | une crème pour le change / crèmes pour le change | | |
SERUM-PHY-30 | le sérum physiologique; les dosettes de sérum phy | une boîte de sérum physiologique / boîtes de sérum physiologique | | |
AMOXI-500 | =l'amoxicilline; =l'amoxicilline 500; l'antibiotique amoxicilline | une boîte d'amoxicilline / boîtes d'amoxicilline | =amoxicilline; =amoxicilline 500 | {n} boaty amoxicilline | rx
ARTE-LUM-24 | le traitement antipaludique; =le Coartem; =l'artéméther luméfantrine | une boîte d'artéméther / boîtes d'artéméther; une boîte de Coartem / boîtes de Coartem | fanafody tazomoka; =Coartem | fanafody tazomoka {n}; {n} boaty Coartem | rx
METFORMINE-850 | =la metformine; =la metformine 850; le médicament du diabète | une boîte de metformine / boîtes de metformine | fanafody diabeta; =metformine | {n} boaty metformine | rx
"""

FAMILIES = """
paracetamol: PARA-500-10 PARA-500-100 PARA-1G-8 PARA-SIROP-120 | =le paracétamol; ~=le doliprane | une boîte de paracétamol / boîtes de paracétamol | =paracétamol | {n} boaty paracétamol; paracétamol {n} |
para-500: PARA-500-10 PARA-500-100 | =le paracétamol 500; =le paracétamol 500 mg | | =paracétamol 500 | paracétamol 500 {n} |
ibu: IBU-200-20 IBU-400-20 | =l'ibuprofène | une boîte d'ibuprofène / boîtes d'ibuprofène | =ibuprofène | {n} boaty ibuprofène; ibuprofène {n} |
sirop-toux: SIROP-TOUX-SEC SIROP-TOUX-GRAS | le sirop pour la toux; le sirop contre la toux | un sirop pour la toux / sirops pour la toux; un flacon de sirop pour la toux / flacons de sirop pour la toux | fanafody kohaka | fanafody kohaka {n}; {n} fanafody kohaka | q:few
vitc: VITC-500 VITC-1000 | la vitamine C | une boîte de vitamine C / boîtes de vitamine C | vitamina C | vitamina C {n} |
moust: MOUST-1P MOUST-2P | la moustiquaire; les moustiquaires imprégnées | une moustiquaire / moustiquaires | lay; lay misy fanafody | lay {n}; {n} lay |
preserv: PRESERV-3 PRESERV-12 | les préservatifs; les capotes | une boîte de préservatifs / boîtes de préservatifs | kapaoty | kapaoty {n}; {n} boaty kapaoty |
gel: GEL-HYDRO-100 GEL-HYDRO-500 | le gel hydroalcoolique; le gel désinfectant | un gel / gels; un flacon de gel / flacons de gel | =gel | {n} gel; gel {n} |
couches: COUCHES-T3 COUCHES-T4 | les couches; les couches bébé; ~les pampers | un paquet de couches / paquets de couches | | |
lait-bb: LAIT-BB-1 LAIT-BB-2 | le lait bébé; le lait infantile | une boîte de lait bébé / boîtes de lait bébé | ronono zazakely | ronono zazakely {n}; {n} ronono zazakely |
vitamines: VITC-500 VITC-1000 MULTIVIT-30 MULTIVIT-SIROP | les vitamines | | vitamina | |
"""

CATEGORIES = """
PARA-500-10 PARA-500-100 PARA-1G-8 IBU-200-20 IBU-400-20 | antidouleurs; ~médicaments contre la douleur sans ordonnance | | fanafody fanaintainana |
MOUST-1P MOUST-2P REPULSIF-100 | produits anti-moustiques | se protéger des moustiques | | fiarovana amin'ny moka
ALCOOL-90-250 ANTISEPT-125 COMPRESSES-10 PANSEMENTS-20 | premiers secours; ~articles de pansement | faire une trousse de secours | fitaovana vonjy taitra |
COUCHES-T3 COUCHES-T4 LAIT-BB-1 LAIT-BB-2 CREME-CHANGE-100 SERUM-PHY-30 | produits pour bébé | un bébé; ~un nouveau-né | entana ho an'ny zazakely | zazakely
VITC-500 VITC-1000 MULTIVIT-30 MULTIVIT-SIROP FER-FOLIQUE-30 | vitamines; compléments alimentaires | | vitamina |
GEL-HYDRO-100 GEL-HYDRO-500 MASQUE-50 ALCOOL-90-250 | produits d'hygiène; ~produits désinfectants | | fahadiovana |
THERMO-DIGIT TENSIO-BRAS TEST-GROSSESSE | appareils et tests | | |
"""

NOT_SOLD_FR = ["les lunettes de vue", "les fauteuils roulants", "~les béquilles",
               "les produits pour animaux", "~les cigarettes électroniques", "le maquillage",
               "les appareils auditifs"]
NOT_SOLD_MG = ["solomaso", "seza misy kodiarana", "fanafody biby", "~makiazy"]
FAQ_FR = ["il faut une ordonnance pour les antibiotiques ?", "vous acceptez les cartes d'assurance ?",
          "je peux envoyer la photo de mon ordonnance ?", "le thermomètre a une garantie ?",
          "~vous faites le tiers payant ?", "~l'ordonnance peut être envoyée par WhatsApp ?"]
FAQ_MG = ["*mila ordonnance ve ny antibiotika?", "*azoko alefa amin'ny sary ve ny ordonnance?",
          "~*mandray carte assurance ve ianareo?"]
ADVICE_FR = ["j'ai mal à la tête depuis 3 jours, je prends quoi ?",
             "mon fils a de la fièvre, quel sirop lui donner ?",
             "c'est quoi la dose de paracétamol pour un enfant de 5 ans ?",
             "je suis enceinte, je peux prendre de l'ibuprofène ?",
             "j'ai une toux qui ne passe pas, vous me conseillez quoi ?",
             "ma fille a vomi toute la nuit, qu'est-ce que je lui donne ?",
             "~j'ai la diarrhée depuis hier, vous me conseillez quoi ?",
             "~est-ce que je peux donner de l'amoxicilline à mon bébé ?",
             "~combien de comprimés par jour pour le Coartem ?"]
ADVICE_MG = ["marary an-doha aho, inona no fanafody tokony hotelemiko?",
             "manana tazo ny zanako, inona no omeko azy?",
             "bevohoka aho, azoko atelina ve ny ibuprofène?",
             "firy isan'andro no atelina ny paracétamol ho an'ny ankizy?",
             "~mivalana ny zanako, inona no fanafody?",
             "~misy kohaka tsy mety sitrana aho, inona no tsara?"]
PLACES_OUT = ["Antsirabe", "Toamasina", "Mahajanga", "Fianarantsoa", "Ivato", "Ambohidratrimo",
              "Andoharanofotsy"]
FAQ_GENERIC = ["where", "warranty", "returns"]

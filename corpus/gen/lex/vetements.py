# Lalaina Mode (Mahajanga). Format: see gen/lexicon.py.
# HELD OUT: this trade appears only in the test split (no '~' needed, everything is test).
# "T-shirt", "jean" and clothing sizes (S, M, L, XL, 28-36, 38-44) are language-neutral.

PRODUCTS = """
TSH-BLC-S | le T-shirt blanc taille S; le T-shirt blanc en S | un T-shirt blanc S / T-shirts blancs S | akanjo fotsy S; T-shirt fotsy S | {n} T-shirt fotsy S; akanjo fotsy S {n} |
TSH-BLC-M | le T-shirt blanc taille M; le T-shirt blanc en M | un T-shirt blanc M / T-shirts blancs M | akanjo fotsy M; T-shirt fotsy M | {n} T-shirt fotsy M; akanjo fotsy M {n} |
TSH-BLC-L | le T-shirt blanc taille L; le T-shirt blanc en L | un T-shirt blanc L / T-shirts blancs L | akanjo fotsy L; T-shirt fotsy L | {n} T-shirt fotsy L; akanjo fotsy L {n} |
TSH-BLC-XL | le T-shirt blanc taille XL; le T-shirt blanc en XL | un T-shirt blanc XL / T-shirts blancs XL | akanjo fotsy XL; T-shirt fotsy XL | {n} T-shirt fotsy XL; akanjo fotsy XL {n} |
TSH-NOIR-S | le T-shirt noir taille S; le T-shirt noir en S | un T-shirt noir S / T-shirts noirs S | akanjo mainty S; T-shirt mainty S | {n} T-shirt mainty S; akanjo mainty S {n} |
TSH-NOIR-M | le T-shirt noir taille M; le T-shirt noir en M | un T-shirt noir M / T-shirts noirs M | akanjo mainty M; T-shirt mainty M | {n} T-shirt mainty M; akanjo mainty M {n} |
TSH-NOIR-L | le T-shirt noir taille L; le T-shirt noir en L | un T-shirt noir L / T-shirts noirs L | akanjo mainty L; T-shirt mainty L | {n} T-shirt mainty L; akanjo mainty L {n} |
TSH-NOIR-XL | le T-shirt noir taille XL; le T-shirt noir en XL | un T-shirt noir XL / T-shirts noirs XL | akanjo mainty XL; T-shirt mainty XL | {n} T-shirt mainty XL; akanjo mainty XL {n} |
JEAN-H-28 | le jean taille 28; le jean homme 28; le jean en 28 | un jean 28 / jeans 28; un jean taille 28 / jeans taille 28 | pataloha jean 28; =jean 28 | pataloha jean 28 {n}; {n} jean 28 | q:few
JEAN-H-30 | le jean taille 30; le jean homme 30; le jean en 30 | un jean 30 / jeans 30; un jean taille 30 / jeans taille 30 | pataloha jean 30; =jean 30 | pataloha jean 30 {n}; {n} jean 30 | q:few
JEAN-H-32 | le jean taille 32; le jean homme 32; le jean en 32 | un jean 32 / jeans 32; un jean taille 32 / jeans taille 32 | pataloha jean 32; =jean 32 | pataloha jean 32 {n}; {n} jean 32 | q:few
JEAN-H-34 | le jean taille 34; le jean homme 34; le jean en 34 | un jean 34 / jeans 34; un jean taille 34 / jeans taille 34 | pataloha jean 34; =jean 34 | pataloha jean 34 {n}; {n} jean 34 | q:few
JEAN-H-36 | le jean taille 36; le jean homme 36; le jean en 36 | un jean 36 / jeans 36; un jean taille 36 / jeans taille 36 | pataloha jean 36; =jean 36 | pataloha jean 36 {n}; {n} jean 36 | q:few
CUIR-H-40 | les chaussures en cuir pointure 40; les chaussures cuir 40 | une paire de chaussures cuir 40 / paires de chaussures cuir 40 | kiraro hoditra 40 | kiraro hoditra 40 {n}; {n} kiraro hoditra 40 | q:few
CUIR-H-41 | les chaussures en cuir pointure 41; les chaussures cuir 41 | une paire de chaussures cuir 41 / paires de chaussures cuir 41 | kiraro hoditra 41 | kiraro hoditra 41 {n}; {n} kiraro hoditra 41 | q:few
CUIR-H-42 | les chaussures en cuir pointure 42; les chaussures cuir 42 | une paire de chaussures cuir 42 / paires de chaussures cuir 42 | kiraro hoditra 42 | kiraro hoditra 42 {n}; {n} kiraro hoditra 42 | q:few
CUIR-H-43 | les chaussures en cuir pointure 43; les chaussures cuir 43 | une paire de chaussures cuir 43 / paires de chaussures cuir 43 | kiraro hoditra 43 | kiraro hoditra 43 {n}; {n} kiraro hoditra 43 | q:few
CUIR-H-44 | les chaussures en cuir pointure 44; les chaussures cuir 44 | une paire de chaussures cuir 44 / paires de chaussures cuir 44 | kiraro hoditra 44 | kiraro hoditra 44 {n}; {n} kiraro hoditra 44 | q:few
BASKET-38 | les baskets pointure 38; les baskets blanches en 38; les tennis 38 | une paire de baskets 38 / paires de baskets 38 | kiraro fotsy 38 | kiraro fotsy 38 {n}; {n} kiraro fotsy 38 | q:few
BASKET-39 | les baskets pointure 39; les baskets blanches en 39; les tennis 39 | une paire de baskets 39 / paires de baskets 39 | kiraro fotsy 39 | kiraro fotsy 39 {n}; {n} kiraro fotsy 39 | q:few
BASKET-40 | les baskets pointure 40; les baskets blanches en 40; les tennis 40 | une paire de baskets 40 / paires de baskets 40 | kiraro fotsy 40 | kiraro fotsy 40 {n}; {n} kiraro fotsy 40 | q:few
BASKET-41 | les baskets pointure 41; les baskets blanches en 41; les tennis 41 | une paire de baskets 41 / paires de baskets 41 | kiraro fotsy 41 | kiraro fotsy 41 {n}; {n} kiraro fotsy 41 | q:few
BASKET-42 | les baskets pointure 42; les baskets blanches en 42; les tennis 42 | une paire de baskets 42 / paires de baskets 42 | kiraro fotsy 42 | kiraro fotsy 42 {n}; {n} kiraro fotsy 42 | q:few
KAPA | les sandales en plastique; les tongs | une paire de sandales / paires de sandales; une paire de tongs / paires de tongs | kapa | kapa {n}; {n} kapa |
LAMBAHOANY | =le lambahoany; le pagne imprimé | un lambahoany / lambahoany; un pagne imprimé / pagnes imprimés | =lambahoany; lamba hoany | lambahoany {n}; {n} lambahoany |
LAMBA-LANDY | =le lamba landy; le lamba en soie | un lamba landy / lamba landy | lamba landy | lamba landy {n}; {n} lamba landy | q:few
LAMBA-COTON | le lamba blanc en coton; le lamba coton | un lamba coton / lamba coton | lamba fotsy | lamba fotsy {n}; {n} lamba fotsy | q:few
ROBE-WAX-M | la robe wax M; la robe longue taille M | une robe wax M / robes wax M | akanjo lava M | akanjo lava M {n}; {n} akanjo lava M | q:few
ROBE-WAX-L | la robe wax L; la robe longue taille L | une robe wax L / robes wax L | akanjo lava L | akanjo lava L {n}; {n} akanjo lava L | q:few
CHEMISE-H-M | la chemise homme M; la chemise manches longues M | une chemise M / chemises M | | | q:few
CHEMISE-H-L | la chemise homme L; la chemise manches longues L | une chemise L / chemises L | | | q:few
CHEMISE-H-XL | la chemise homme XL; la chemise manches longues XL | une chemise XL / chemises XL | | | q:few
SWEAT-M | le sweat à capuche M; le sweat gris M | un sweat M / sweats M | | | q:few
SWEAT-L | le sweat à capuche L; le sweat gris L | un sweat L / sweats L | | | q:few
CHAUSSETTES-3 | les chaussettes; le lot de chaussettes | un lot de chaussettes / lots de chaussettes | ba kiraro | ba kiraro {n}; {n} ba kiraro |
CASQUETTE | la casquette | une casquette / casquettes | | |
SATROKA-BOZAKA | le chapeau de paille; le chapeau | un chapeau de paille / chapeaux de paille | satroka bozaka; satroka mololo | satroka bozaka {n}; {n} satroka bozaka |
SAC-MAIN | le sac à main; le sac pour femme | un sac à main / sacs à main | kitapo vehivavy; kitapo tanana | kitapo vehivavy {n} | q:few
UNIF-8ANS | la chemise scolaire 8 ans; la chemise d'école taille 8 ans | une chemise scolaire 8 ans / chemises scolaires 8 ans | akanjo fianarana 8 taona | akanjo fianarana 8 taona {n}; {n} akanjo fianarana 8 taona |
UNIF-10ANS | la chemise scolaire 10 ans; la chemise d'école taille 10 ans | une chemise scolaire 10 ans / chemises scolaires 10 ans | akanjo fianarana 10 taona | akanjo fianarana 10 taona {n}; {n} akanjo fianarana 10 taona |
UNIF-12ANS | la chemise scolaire 12 ans; la chemise d'école taille 12 ans | une chemise scolaire 12 ans / chemises scolaires 12 ans | akanjo fianarana 12 taona | akanjo fianarana 12 taona {n}; {n} akanjo fianarana 12 taona |
"""

FAMILIES = """
tshirt: TSH-BLC-S TSH-BLC-M TSH-BLC-L TSH-BLC-XL TSH-NOIR-S TSH-NOIR-M TSH-NOIR-L TSH-NOIR-XL | le T-shirt; le tee-shirt | un T-shirt / T-shirts; un tee-shirt / tee-shirts | =T-shirt | {n} T-shirt; T-shirt {n} |
tshirt-blanc: TSH-BLC-S TSH-BLC-M TSH-BLC-L TSH-BLC-XL | le T-shirt blanc | un T-shirt blanc / T-shirts blancs | T-shirt fotsy; akanjo fotsy | {n} T-shirt fotsy; akanjo fotsy {n} |
tshirt-noir: TSH-NOIR-S TSH-NOIR-M TSH-NOIR-L TSH-NOIR-XL | le T-shirt noir | un T-shirt noir / T-shirts noirs | T-shirt mainty; akanjo mainty | {n} T-shirt mainty; akanjo mainty {n} |
tshirt-m: TSH-BLC-M TSH-NOIR-M | le T-shirt taille M; le T-shirt en M | un T-shirt M / T-shirts M | =T-shirt M | {n} T-shirt M; T-shirt M {n} |
tshirt-l: TSH-BLC-L TSH-NOIR-L | le T-shirt taille L; le T-shirt en L | un T-shirt L / T-shirts L | =T-shirt L | {n} T-shirt L; T-shirt L {n} |
jean: JEAN-H-28 JEAN-H-30 JEAN-H-32 JEAN-H-34 JEAN-H-36 | =le jean; le jean homme; le pantalon jean | un jean / jeans | pataloha jean; =jean | {n} jean; pataloha jean {n} | q:few
cuir: CUIR-H-40 CUIR-H-41 CUIR-H-42 CUIR-H-43 CUIR-H-44 | les chaussures en cuir; les chaussures homme | une paire de chaussures en cuir / paires de chaussures en cuir | kiraro hoditra | kiraro hoditra {n}; {n} kiraro hoditra | q:few
basket: BASKET-38 BASKET-39 BASKET-40 BASKET-41 BASKET-42 | les baskets; les tennis blanches | une paire de baskets / paires de baskets | kiraro fotsy | kiraro fotsy {n}; {n} kiraro fotsy | q:few
chaussures: CUIR-H-40 CUIR-H-41 CUIR-H-42 CUIR-H-43 CUIR-H-44 BASKET-38 BASKET-39 BASKET-40 BASKET-41 BASKET-42 | les chaussures | une paire de chaussures / paires de chaussures | kiraro | kiraro {n}; {n} kiraro | q:few
chaussures-40: CUIR-H-40 BASKET-40 | les chaussures pointure 40; les chaussures en 40 | une paire de chaussures 40 / paires de chaussures 40 | kiraro 40 | kiraro 40 {n}; {n} kiraro 40 | q:few
chaussures-42: CUIR-H-42 BASKET-42 | les chaussures pointure 42; les chaussures en 42 | une paire de chaussures 42 / paires de chaussures 42 | kiraro 42 | kiraro 42 {n}; {n} kiraro 42 | q:few
lamba: LAMBAHOANY LAMBA-LANDY LAMBA-COTON | le lamba | un lamba / lamba | lamba | lamba {n}; {n} lamba |
robe: ROBE-WAX-M ROBE-WAX-L | la robe wax; la robe longue; la robe | une robe / robes | akanjo lava | akanjo lava {n}; {n} akanjo lava | q:few
chemise: CHEMISE-H-M CHEMISE-H-L CHEMISE-H-XL | la chemise homme; la chemise manches longues | une chemise homme / chemises homme | | | q:few
sweat: SWEAT-M SWEAT-L | le sweat; le sweat à capuche | un sweat / sweats | | | q:few
unif: UNIF-8ANS UNIF-10ANS UNIF-12ANS | la chemise scolaire; la chemise d'école | une chemise scolaire / chemises scolaires | akanjo fianarana | akanjo fianarana {n}; {n} akanjo fianarana |
satroka: CASQUETTE SATROKA-BOZAKA | | | satroka | satroka {n}; {n} satroka |
"""

CATEGORIES = """
TSH-BLC-S TSH-BLC-M TSH-BLC-L TSH-BLC-XL TSH-NOIR-S TSH-NOIR-M TSH-NOIR-L TSH-NOIR-XL CHEMISE-H-M CHEMISE-H-L CHEMISE-H-XL SWEAT-M SWEAT-L JEAN-H-28 JEAN-H-30 JEAN-H-32 JEAN-H-34 JEAN-H-36 | vêtements homme | | akanjo lehilahy |
ROBE-WAX-M ROBE-WAX-L SAC-MAIN LAMBAHOANY | vêtements femme; articles pour femme | | akanjo vehivavy |
CUIR-H-40 CUIR-H-41 CUIR-H-42 CUIR-H-43 CUIR-H-44 BASKET-38 BASKET-39 BASKET-40 BASKET-41 BASKET-42 KAPA | chaussures | | karazana kiraro |
LAMBAHOANY LAMBA-LANDY LAMBA-COTON | lamba; tissus traditionnels | une cérémonie; un famadihana | karazana lamba | lanonana; famadihana
UNIF-8ANS UNIF-10ANS UNIF-12ANS | tenues scolaires | la rentrée scolaire | akanjo fianarana | fidirana an-tsekoly
"""

NOT_SOLD_FR = ["les costumes", "les robes de mariée", "les maillots de bain", "les sous-vêtements",
               "les montres", "les chaussures à talons", "les T-shirts rouges", "le jean taille 38"]
NOT_SOLD_MG = ["akanjo fanambadiana", "akanjo milomano", "famantaranandro",
               "=jean 38"]
FAQ_FR = ["je peux échanger si la taille ne va pas ?", "comment choisir ma taille de jean ?",
          "les baskets taillent grand ou petit ?", "vous faites les ourlets ?",
          "le lamba landy c'est de la vraie soie ?", "on peut essayer à la boutique ?"]
FAQ_MG = ["azo atakalo ve raha tsy mety ny habe?", "mety ve ny manandrana ao amin'ny fivarotana?",
          "tena landy ve ilay lamba landy?", "afohezinareo ve ny jean raha lava loatra?"]
PLACES_OUT = ["Antananarivo", "Maevatanana", "Marovoay", "Antsohihy", "Mitsinjo", "Soalala",
              "Port-Bergé"]
FAQ_GENERIC = ["where", "returns"]

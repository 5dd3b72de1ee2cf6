-- Search synonyms per shop: words customers write (often Malagasy) and the words the
-- catalogue uses (often French). Expanded at query time, both ways. Each shop gets the
-- default list when it is created and may edit its own copy in the admin.
CREATE TABLE catalog_synonym_defaults (
    term      TEXT PRIMARY KEY,   -- folded (lowercase, no accents); may be two words
    synonyms  TEXT NOT NULL       -- comma-separated equivalents
);

CREATE TABLE catalog_synonyms (
    shop_id   INTEGER NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
    term      TEXT NOT NULL,
    synonyms  TEXT NOT NULL,
    PRIMARY KEY (shop_id, term)
);

INSERT INTO catalog_synonym_defaults (term, synonyms) VALUES
    ('vary', 'riz'),
    ('menaka', 'huile'),
    ('savony', 'savon, savonnette'),
    ('siramamy', 'sucre'),
    ('sira', 'sel'),
    ('tsaramaso', 'haricot'),
    ('telefaona', 'telephone'),
    ('telefaonina', 'telephone'),
    ('finday', 'telephone, portable, smartphone'),
    ('lafarinina', 'farine'),
    ('ronono', 'lait'),
    ('atody', 'oeuf'),
    ('mofo', 'pain'),
    ('kafe', 'cafe'),
    ('dite', 'the'),
    ('rano', 'eau'),
    ('arina', 'charbon'),
    ('saribao', 'charbon'),
    ('labozia', 'bougie'),
    ('solika', 'carburant, essence, gasoil, petrole'),
    ('voanjo', 'arachide, cacahuete'),
    ('tongolo', 'oignon'),
    ('tongolo gasy', 'ail'),
    ('sakay', 'piment'),
    ('voatabia', 'tomate'),
    ('katsaka', 'mais'),
    ('mangahazo', 'manioc'),
    ('akondro', 'banane'),
    ('akoho', 'poulet'),
    ('hena', 'viande'),
    ('trondro', 'poisson'),
    ('solosaina', 'ordinateur'),
    ('jiro', 'lampe, ampoule, electricite'),
    ('fanafody', 'medicament'),
    ('akanjo', 'vetement'),
    ('kiraro', 'chaussure'),
    ('lamba', 'tissu, linge'),
    ('satroka', 'chapeau'),
    ('gony', 'sac'),
    ('vata', 'carton, caisse'),
    ('fonosana', 'paquet'),
    ('tavoahangy', 'bouteille'),
    ('lafo', 'cher'),
    ('mainty', 'noir'),
    ('fotsy', 'blanc'),
    ('mena', 'rouge'),
    ('manga', 'bleu'),
    ('maitso', 'vert'),
    ('mavo', 'jaune'),
    ('lehibe', 'grand'),
    ('kely', 'petit'),
    ('portable', 'telephone'),
    ('smartphone', 'telephone'),
    ('tel', 'telephone'),
    ('ecouteur', 'casque, kit main libre'),
    ('powerbank', 'batterie externe');

INSERT INTO catalog_synonyms (shop_id, term, synonyms)
    SELECT s.id, d.term, d.synonyms FROM shops s, catalog_synonym_defaults d;

CREATE TRIGGER shops_seed_synonyms AFTER INSERT ON shops
BEGIN
    INSERT INTO catalog_synonyms (shop_id, term, synonyms)
        SELECT NEW.id, term, synonyms FROM catalog_synonym_defaults;
END;

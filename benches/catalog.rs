//! Catalogue load benchmark: imports a generated 50 000-row catalogue (CSV parse +
//! one SQLite transaction on an encrypted database + Tantivy index) and measures
//! search latency on it with customer-style queries (accents missing, typos,
//! Malagasy words, units).
//!
//! Targets: import < 5 s including the index; search p99 < 5 ms.
//!
//!     cargo bench --bench catalog                 # optimised (release profile)
//!     cargo test --release --bench catalog        # same
//!     cargo test --bench catalog                  # quick run in the dev profile
//!
//! `VAROTRA_BENCH_ROWS` changes the catalogue size (default 50 000).

use std::time::{Duration, Instant};
use varotra::catalog::import::import_csv;
use varotra::catalog::Catalog;
use varotra::crypto::MasterKey;
use varotra::db::{shops, Db};

const NOUNS: &[&str] = &[
    "Riz makalioka",
    "Huile végétale",
    "Sucre blanc",
    "Savon de ménage",
    "Téléphone Samsung",
    "Écouteurs Bluetooth",
    "Batterie externe",
    "Câble USB-C",
    "Tondeuse à barbe",
    "Lampe solaire",
    "Farine de blé",
    "Lait en poudre",
    "Café moulu",
    "Thé vert",
    "Bougies",
    "Chargeur rapide",
    "Carte mémoire",
    "Coque silicone",
    "Enceinte portable",
    "Piles alcalines",
    "Haricots secs",
    "Sardines à l'huile",
    "Pâtes spaghetti",
    "Eau minérale",
    "Jus de letchi",
    "Charbon de bois",
];
const QUALIFIERS: &[&str] = &[
    "premium",
    "économique",
    "rouge",
    "noir",
    "blanc",
    "local",
    "import",
    "grand modèle",
    "petit modèle",
    "lot familial",
    "édition 2026",
    "pro",
    "mini",
    "max",
];
const SIZES: &[&str] = &[
    "1 kg",
    "5 L",
    "25 kg",
    "500 g",
    "1 L",
    "20000 mAh",
    "64 Go",
    "2 m",
    "10 W",
    "400 g",
];
const QUERIES: &[&str] = &[
    "huile 5L",
    "vary",
    "menaka 1 litatra",
    "tondeuze",
    "ecouteur bluetooth",
    "telephone samsung",
    "batterie 20000 mAh",
    "savony",
    "siramamy",
    "cable usb c",
    "lampe solaire rechargeable",
    "Ohatrinona ny savony?",
    "prix du riz 25 kg svp",
    "cafe moulu",
    "chargeur rapide pro",
    "carte memoire 64go",
    "BENCH-00012345",
    "lait en poudre 400 g",
    "bougies",
    "petrol lampant",
];

fn catalogue(rows: usize) -> Vec<u8> {
    let mut csv = String::from("sku;title;price;currency;stock;description;image\n");
    for i in 0..rows {
        let noun = NOUNS[i % NOUNS.len()];
        let q = QUALIFIERS[(i / NOUNS.len()) % QUALIFIERS.len()];
        let size = SIZES[(i / 7) % SIZES.len()];
        let price = 1000 + (i * 37) % 900_000;
        csv.push_str(&format!(
            "BENCH-{i:08};{noun} {q} {size} n°{i};{price} Ar;MGA;{};\"{noun} {q}, {size}; réf {i}\";\n",
            i % 300
        ));
    }
    csv.into_bytes()
}

fn main() {
    let rows: usize = std::env::var("VAROTRA_BENCH_ROWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50_000);
    // VAROTRA_BENCH_PLAIN=1 measures the same on a plain SQLite file (encryption cost).
    let plain = std::env::var("VAROTRA_BENCH_PLAIN").is_ok_and(|v| v == "1");
    println!(
        "store: {}",
        if plain { "plain SQLite" } else { "SQLCipher" }
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let key = MasterKey::from_bytes([7; 32], "bench");
    let db = Db::open(&dir.path().join("bench.db"), (!plain).then_some(&key), true).expect("db");
    let catalog = Catalog::open(dir.path(), &db).expect("catalog");
    let shop = db
        .write_blocking(|c| {
            shops::create(
                c,
                &shops::NewShop {
                    slug: "bench".into(),
                    company_name: "Bench".into(),
                    ..Default::default()
                },
            )
        })
        .expect("shop");
    let csv = catalogue(rows);
    let started = Instant::now();
    let report = import_csv(&db, &catalog, shop, &csv, false).expect("import");
    let import_time = started.elapsed();
    assert_eq!(report.added, rows);
    println!(
        "import: {rows} rows ({:.1} MB) in {:.2} s including the index (target < 5 s)",
        csv.len() as f64 / 1e6,
        import_time.as_secs_f64()
    );

    let mut latencies: Vec<Duration> = Vec::new();
    for _ in 0..5 {
        for q in QUERIES {
            catalog.search(shop, q, 5).expect("search"); // warm-up
        }
    }
    let rounds = 50;
    for _ in 0..rounds {
        for q in QUERIES {
            let t = Instant::now();
            let hits = catalog.search(shop, q, 5).expect("search");
            latencies.push(t.elapsed());
            assert!(!hits.is_empty(), "{q} found nothing");
        }
    }
    latencies.sort();
    let pct = |p: f64| latencies[((latencies.len() as f64 * p) as usize).min(latencies.len() - 1)];
    println!(
        "search: {} queries, p50 {:.2} ms, p95 {:.2} ms, p99 {:.2} ms, max {:.2} ms (target p99 < 5 ms)",
        latencies.len(),
        pct(0.50).as_secs_f64() * 1e3,
        pct(0.95).as_secs_f64() * 1e3,
        pct(0.99).as_secs_f64() * 1e3,
        latencies.last().unwrap().as_secs_f64() * 1e3
    );
}

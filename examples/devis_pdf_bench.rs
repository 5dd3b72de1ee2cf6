//! PDF generation time per devis: printpdf (what Varotra ships) against headless
//! Chromium printing an equivalent HTML page (the seed plan's Puppeteer approach).
//!
//! `cargo run --example devis_pdf_bench [-- RUNS]`; Chromium is skipped when absent.
//! `DEVIS_PDF_OUT=/tmp/devis.pdf` also writes the sample devis there.

use std::time::{Duration, Instant};
use varotra::db::devis::{Devis, DevisLine};
use varotra::db::shops::Shop;
use varotra::db::{DevisId, ShopId};
use varotra::money::format_amount;
use varotra::money::Ariary;
use varotra::quotes::{pdf, words, Payment};

fn sample() -> (Shop, Devis, Payment) {
    let shop = Shop {
        id: ShopId(1),
        slug: "epicerie-rivo".into(),
        company_name: "Épicerie Rivo".into(),
        email: Some("rivo@example.mg".into()),
        phone: Some("+261 32 00 000 01".into()),
        address: Some("Lot IVG 12 Bis, Analakely, Antananarivo".into()),
        nif: Some("4001234567".into()),
        stat: Some("47111 11 2019 0 01234".into()),
        rcs: None,
        vat_rate_bp: Some(2000),
        plan: "starter".into(),
        timezone: "Indian/Antananarivo".into(),
        created_at: "2026-11-25T08:00:00Z".into(),
    };
    let items = [
        ("RIZ-MAK-25", "Riz makalioka 25 kg", 5, 65_000),
        ("SUC-BLA-10", "Sucre blanc 10 kg", 5, 22_000),
        ("HUI-TOU-5", "Huile de tournesol 5 L", 2, 38_500),
        ("CAF-MOU-1", "Café moulu de Mananara 1 kg", 3, 24_000),
        ("SAV-MAR-6", "Savon de Marseille (lot de 6)", 4, 9_500),
    ];
    let lines: Vec<DevisLine> = items
        .iter()
        .enumerate()
        .map(|(i, (sku, t, q, p))| DevisLine {
            position: i as i64 + 1,
            sku: sku.to_string(),
            designation: t.to_string(),
            qty: *q,
            unit_price: Ariary(*p),
            line_total: Ariary(q * p),
            ..Default::default()
        })
        .collect();
    let ht: i64 = lines.iter().map(|l| l.line_total.0).sum();
    let tva = (ht * 2000 + 5000) / 10000;
    let devis = Devis {
        id: DevisId(1),
        shop_id: ShopId(1),
        number: "DEV-2026-0001".into(),
        year: 2026,
        seq: 1,
        conversation_id: None,
        prospect_id: None,
        customer_name: Some("Hanta Rakoto".into()),
        customer_phone: Some("034 11 222 33".into()),
        status: varotra::kinds::DevisStatus::Draft,
        currency: "MGA".into(),
        vat_rate_bp: Some(2000),
        total_ht: Ariary(ht),
        tva: Ariary(tva),
        total_ttc: Ariary(ht + tva),
        valid_until: "2026-12-10".into(),
        pdf_path: None,
        created_at: "2026-11-25T08:00:00Z".into(),
        public_token: None,
        public_token_expires_at: None,
        sent_at: None,
        accepted_at: None,
        lines,
    };
    let payment = Payment {
        mvola: Some("034 12 345 67".into()),
        orange_money: Some("032 12 345 67".into()),
        airtel_money: None,
        account_name: Some("Epicerie Rivo".into()),
    };
    (shop, devis, payment)
}

fn html(shop: &Shop, d: &Devis, p: &Payment) -> String {
    let rows: String = d
        .lines
        .iter()
        .map(|l| {
            format!(
                "<tr><td>{}</td><td>{}</td><td class=r>{}</td><td class=r>{}</td><td class=r>{}</td></tr>",
                l.designation, l.sku, l.qty, format_amount(l.unit_price, "MGA"), format_amount(l.line_total, "MGA")
            )
        })
        .collect();
    format!(
        r#"<!doctype html><html lang=fr><meta charset=utf-8><style>
@page{{size:A4;margin:15mm}} body{{font-family:"DejaVu Sans";font-size:9pt}}
table{{width:100%;border-collapse:collapse}} th{{background:#e6edf5;text-align:left}} td,th{{padding:4px;border-bottom:1px solid #ccc}}
.r{{text-align:right}} h1{{color:#12548c}} .tot{{width:45%;margin-left:auto}}</style>
<h1>{name}</h1><p>{addr}<br>Tél. : {phone}<br>NIF : {nif}<br>STAT : {stat}</p>
<h2 style="text-align:right">DEVIS N° {number}</h2><p style="text-align:right">Date : 25/11/2026<br>Valable jusqu'au : 10/12/2026</p>
<div style="border:1px solid #999;padding:6px;width:40%;margin-left:auto">Client<br>{cust}<br>Tél. : {cphone}</div>
<table><tr><th>Désignation<th>Réf.<th class=r>Qté<th class=r>Prix unitaire<th class=r>Montant</tr>{rows}</table>
<table class=tot><tr><td>Total HT<td class=r>{ht}<tr><td>TVA 20 %<td class=r>{tva}<tr><th>Total TTC<th class=r>{ttc}</table>
<p><b>{words}</b></p><p><b>Modalités de paiement</b><br>MVola : {mvola}<br>Orange Money : {om}<br>Référence : {number}</p>
<footer>{name} · NIF {nif} · STAT {stat}</footer></html>"#,
        name = shop.company_name,
        addr = shop.address.as_deref().unwrap_or(""),
        phone = shop.phone.as_deref().unwrap_or(""),
        nif = shop.nif.as_deref().unwrap_or(""),
        stat = shop.stat.as_deref().unwrap_or(""),
        number = d.number,
        cust = d.customer_name.as_deref().unwrap_or(""),
        cphone = d.customer_phone.as_deref().unwrap_or(""),
        ht = format_amount(d.total_ht, "MGA"),
        tva = format_amount(d.tva, "MGA"),
        ttc = format_amount(d.total_ttc, "MGA"),
        words = words::amount_sentence(d.total_ttc),
        mvola = p.mvola.as_deref().unwrap_or(""),
        om = p.orange_money.as_deref().unwrap_or(""),
    )
}

fn stats(mut v: Vec<Duration>) -> String {
    v.sort();
    let mean = v.iter().sum::<Duration>() / v.len() as u32;
    format!(
        "runs {}  mean {:.1} ms  median {:.1} ms  min {:.1} ms  max {:.1} ms",
        v.len(),
        mean.as_secs_f64() * 1e3,
        v[v.len() / 2].as_secs_f64() * 1e3,
        v[0].as_secs_f64() * 1e3,
        v[v.len() - 1].as_secs_f64() * 1e3
    )
}

fn main() {
    let runs: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(50);
    let (shop, devis, payment) = sample();
    let first =
        pdf::render(&shop, &varotra::branding::Look::plain(), &devis, &payment).expect("render");
    if let Ok(path) = std::env::var("DEVIS_PDF_OUT") {
        std::fs::write(path, &first).expect("write sample PDF");
    }
    let mut times = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        let bytes = pdf::render(&shop, &varotra::branding::Look::plain(), &devis, &payment)
            .expect("render");
        times.push(t.elapsed());
        assert!(bytes.len() > 1000);
    }
    println!(
        "printpdf 0.7 ({} profile): {}  size {} KB",
        if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        },
        stats(times),
        first.len() / 1024
    );

    let dir = tempfile::tempdir().expect("temp dir");
    let page = dir.path().join("devis.html");
    std::fs::write(&page, html(&shop, &devis, &payment)).expect("write html");
    let chromium = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|c| {
            std::process::Command::new(c)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        });
    let Some(chromium) = chromium else {
        println!("headless Chromium: not installed, skipped");
        return;
    };
    let chrome_runs = runs.clamp(1, 5);
    let mut times = Vec::new();
    let mut size = 0;
    for i in 0..chrome_runs {
        let out = dir.path().join(format!("chrome-{i}.pdf"));
        let t = Instant::now();
        let status = std::process::Command::new(chromium)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-pdf-header-footer",
            ])
            .arg(format!("--print-to-pdf={}", out.display()))
            .arg(format!("file://{}", page.display()))
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .expect("run chromium");
        times.push(t.elapsed());
        if !status.success() {
            println!("headless Chromium: failed ({status}), skipped");
            return;
        }
        size = std::fs::metadata(&out).map(|m| m.len()).unwrap_or(0);
    }
    println!(
        "headless Chromium ({chromium}, one process per devis): {}  size {} KB",
        stats(times),
        size / 1024
    );
}

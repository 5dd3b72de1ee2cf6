//! White-label devis: a Pro shop uploads its logo, colour and footer in Paramètres
//! and its devis PDF embeds the logo without "Généré avec Varotra"; a free shop is
//! refused with its plan named and its PDF keeps the mention and has no image.

use crate::admin_devis_editor::{pdf_text, poppler};
use crate::helpers::{extract_csrf, TestApp, PASSWORD};
use crate::quotes_devis::{epicerie, post_devis};
use reqwest::multipart::{Form, Part};
use serde_json::{json, Value};
use varotra::db::{usage, ShopId};

const MENTION: &str = "Généré avec Varotra";

/// A PNG of `w` x `h` pixels, drawn here (no fixture file to go stale).
pub fn png(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(w, h, |x, _| image::Rgb([(x % 256) as u8, 90, 160]));
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(img)
        .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}

/// The images `pdfimages -list` finds, as (width, height).
fn images(pdf: &[u8]) -> Vec<(u32, u32)> {
    poppler("pdfimages", pdf, &["-list"], &[])
        .lines()
        .skip(2)
        .filter_map(|l| {
            let cols: Vec<&str> = l.split_whitespace().collect();
            Some((cols.get(3)?.parse().ok()?, cols.get(4)?.parse().ok()?))
        })
        .collect()
}

async fn plan(app: &TestApp, shop: ShopId, plan: &'static str) {
    app.db
        .write(move |c| usage::set_plan(c, shop, plan))
        .await
        .unwrap();
}

/// Logs the shop's owner in and posts the branding form; returns status and body.
async fn post_branding(
    app: &TestApp,
    slug: &str,
    logo: Option<(Vec<u8>, &str)>,
    accent: &str,
    footer: &str,
) -> (u16, String) {
    app.login(&format!("owner@{slug}.mg"), PASSWORD).await;
    let page = app.page("/admin/parametres/marque", 200).await;
    let csrf = extract_csrf(&page).unwrap();
    let mut form = Form::new()
        .text("csrf", csrf)
        .text("accent", accent.to_string())
        .text("footer", footer.to_string());
    if let Some((bytes, mime)) = logo {
        form = form.part(
            "logo",
            Part::bytes(bytes).file_name("logo").mime_str(mime).unwrap(),
        );
    }
    let res = app
        .client
        .post(app.url("/admin/parametres/marque"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

async fn devis_pdf(app: &TestApp, token: &str) -> Vec<u8> {
    let res = post_devis(
        app,
        token,
        json!({"customer": {"name": "Hanta"}, "items": [{"sku": "RIZ-MAK-25", "qty": 2}]}),
    )
    .await;
    assert_eq!(res.status(), 201);
    let d: Value = res.json().await.unwrap();
    let pdf = app
        .client
        .get(app.url(d["pdf_url"].as_str().unwrap()))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(pdf.status(), 200);
    pdf.bytes().await.unwrap().to_vec()
}

#[tokio::test]
async fn a_white_label_shops_devis_embeds_its_logo_and_footer_without_the_mention() {
    let app = crate::helpers::spawn_app().await;
    let (shop, token) = epicerie(&app, "marque-pro").await;
    plan(&app, shop, "pro").await;
    let (status, _) = post_branding(
        &app,
        "marque-pro",
        Some((png(1200, 400), "image/png")),
        "#AA3300",
        "Merci de votre confiance - Rivo",
    )
    .await;
    assert_eq!(status, 303);
    // The stored logo was shrunk to the 600 x 240 box, keeping its shape.
    let res = app
        .client
        .get(app.url("/admin/parametres/marque/logo"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["content-type"], "image/png");
    let logo = image::load_from_memory(&res.bytes().await.unwrap()).unwrap();
    assert_eq!((logo.width(), logo.height()), (600, 200));

    let pdf = devis_pdf(&app, &token).await;
    assert_eq!(images(&pdf), vec![(600, 200)], "one embedded logo");
    let text = pdf_text(&pdf);
    assert!(text.contains("Merci de votre confiance - Rivo"), "{text}");
    assert!(!text.contains(MENTION), "{text}");
    assert!(text.contains("Épicerie Rivo"), "the seller is still named");
}

#[tokio::test]
async fn a_free_shop_is_refused_branding_and_its_devis_keeps_the_mention_and_no_logo() {
    let app = crate::helpers::spawn_app().await;
    let (shop, token) = epicerie(&app, "marque-free").await;
    plan(&app, shop, "free").await;
    let (status, body) = post_branding(
        &app,
        "marque-free",
        Some((png(100, 40), "image/png")),
        "#aa3300",
        "Mon pied de page",
    )
    .await;
    assert_eq!(status, 400);
    assert!(
        body.contains("offre Gratuit n&#x27;inclut pas la marque blanche")
            || body.contains("offre Gratuit n'inclut pas la marque blanche"),
        "{body}"
    );
    app.page("/admin/parametres/marque/logo", 404).await;

    let pdf = devis_pdf(&app, &token).await;
    assert!(images(&pdf).is_empty(), "no logo on a free shop's devis");
    let text = pdf_text(&pdf);
    assert!(text.contains(MENTION), "{text}");
    assert!(!text.contains("Mon pied de page"));
}

#[tokio::test]
async fn a_logo_that_is_not_png_or_jpeg_and_a_bad_colour_are_refused_in_french() {
    let app = crate::helpers::spawn_app().await;
    let (shop, _) = epicerie(&app, "marque-bad").await;
    plan(&app, shop, "business").await;
    let gif = b"GIF89a\x01\x00\x01\x00\x80\x00\x00".to_vec();
    let (status, body) = post_branding(&app, "marque-bad", Some((gif, "image/png")), "", "").await;
    assert_eq!(status, 400);
    assert!(body.contains("seuls les fichiers PNG et JPEG"), "{body}");
    let (status, body) = post_branding(&app, "marque-bad", None, "rouge", "").await;
    assert_eq!(status, 400);
    assert!(body.contains("#rrggbb"), "{body}");
    app.page("/admin/parametres/marque/logo", 404).await;
}

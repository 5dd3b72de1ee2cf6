use super::*;

fn png(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbaImage::from_pixel(w, h, image::Rgba([200, 30, 30, 255]));
    let mut out = Vec::new();
    DynamicImage::ImageRgba8(img)
        .write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
        .unwrap();
    out
}

#[test]
fn a_large_logo_is_shrunk_to_fit_the_box_keeping_its_shape() {
    let stored = normalize_logo(&png(1200, 300)).unwrap();
    let img = image::load_from_memory(&stored).unwrap();
    assert_eq!((img.width(), img.height()), (600, 150));
}

#[test]
fn a_small_logo_keeps_its_size_and_transparency_becomes_white() {
    let img = image::RgbaImage::from_pixel(40, 20, image::Rgba([0, 0, 0, 0]));
    let mut bytes = Vec::new();
    DynamicImage::ImageRgba8(img)
        .write_to(&mut Cursor::new(&mut bytes), ImageFormat::Png)
        .unwrap();
    let stored = image::load_from_memory(&normalize_logo(&bytes).unwrap())
        .unwrap()
        .to_rgb8();
    assert_eq!((stored.width(), stored.height()), (40, 20));
    assert_eq!(stored.get_pixel(3, 3), &Rgb([255, 255, 255]));
}

#[test]
fn a_file_that_is_neither_png_nor_jpeg_is_refused_in_french() {
    let e = normalize_logo(b"GIF89a\x01\x00\x01\x00").unwrap_err();
    assert!(e.to_string().contains("PNG et JPEG"), "{e}");
    let truncated = &png(10, 10)[..30];
    assert!(matches!(
        normalize_logo(truncated),
        Err(BrandingError::Unreadable(_))
    ));
}

#[test]
fn a_logo_over_the_size_limit_is_refused_with_its_size() {
    let mut big = b"\x89PNG\r\n\x1a\n".to_vec();
    big.resize(MAX_UPLOAD_BYTES + 1, 0);
    let e = normalize_logo(&big).unwrap_err().to_string();
    assert!(e.contains("2049 Ko") && e.contains("2048 Ko"), "{e}");
}

#[test]
fn accent_colours_are_hash_and_six_hex_digits() {
    assert_eq!(
        parse_accent(" #1F6FEB ").unwrap().as_deref(),
        Some("#1f6feb")
    );
    assert_eq!(parse_accent("").unwrap(), None);
    for bad in ["1f6feb", "#1f6fe", "#1f6fegg", "bleu"] {
        let e = parse_accent(bad).unwrap_err().to_string();
        assert!(e.contains("#rrggbb"), "{bad}: {e}");
    }
}

#[test]
fn the_footer_is_one_line_and_bounded() {
    assert_eq!(
        parse_footer("  Merci\n de votre  confiance ")
            .unwrap()
            .as_deref(),
        Some("Merci de votre confiance")
    );
    assert!(parse_footer(&"x".repeat(MAX_FOOTER + 1)).is_err());
}

//! Files compiled into the binary with rust-embed: the `assets/` folder (CSS, icons,
//! fonts for the PDFs). The web layer serves them under `/assets/`; the PDF renderer
//! reads its fonts here. Nothing is read from disk at run time.

use rust_embed::RustEmbed;

#[derive(RustEmbed)]
#[folder = "assets/"]
struct Assets;

/// The bytes of an embedded asset, by its path under `assets/`.
pub fn get(path: &str) -> Option<Vec<u8>> {
    Assets::get(path).map(|f| f.data.into_owned())
}

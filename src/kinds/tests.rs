//! The text conversions of the kinds, in memory and through SQLite.

use super::*;
use rusqlite::Connection;

#[test]
fn every_value_round_trips_through_its_text() {
    for k in ProviderKind::ALL {
        assert_eq!(k.as_str().parse::<ProviderKind>().unwrap(), *k);
    }
    for i in Intent::ALL {
        assert_eq!(Intent::parse(i.as_str()), Some(*i));
    }
    assert_eq!(Intent::ALL.len(), 14);
}

#[test]
fn an_unknown_value_names_the_kind_and_the_expected_values() {
    let e = "whatsapp".parse::<ProviderKind>().unwrap_err();
    assert_eq!(
        e.to_string(),
        "unknown provider `whatsapp`: expected one of meta, 360dialog, gupshup"
    );
    let e = serde_json::from_str::<ConversationStatus>("\"done\"").unwrap_err();
    assert!(e.to_string().contains("conversation status `done`"), "{e}");
}

#[test]
fn values_are_stored_and_read_as_text() {
    let c = Connection::open_in_memory().unwrap();
    c.execute_batch("CREATE TABLE t (s TEXT)").unwrap();
    c.execute(
        "INSERT INTO t VALUES (?1)",
        [ConversationStatus::NeedsHuman],
    )
    .unwrap();
    let text: String = c.query_row("SELECT s FROM t", [], |r| r.get(0)).unwrap();
    assert_eq!(text, "needs_human");
    let back: ConversationStatus = c.query_row("SELECT s FROM t", [], |r| r.get(0)).unwrap();
    assert_eq!(back, ConversationStatus::NeedsHuman);
    c.execute("UPDATE t SET s = 'lost'", []).unwrap();
    let bad = c.query_row("SELECT s FROM t", [], |r| r.get::<_, ConversationStatus>(0));
    assert!(bad.is_err());
}

#[test]
fn statuses_rank_forward() {
    assert!(MessageStatus::Sent.rank() < MessageStatus::Delivered.rank());
    assert!(MessageStatus::Read.rank() < MessageStatus::Failed.rank());
    assert_eq!(
        serde_json::to_string(&JobKind::MediaDownload).unwrap(),
        "\"media_download\""
    );
}

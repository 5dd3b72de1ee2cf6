//! The 14 intent labels, in the order the classifier scores them. A leaf of its own
//! so the build script (which trains the classifier) can include it.

pub const LABELS: [&str; 14] = [
    "greeting",
    "price",
    "availability",
    "catalog_search",
    "quote",
    "order",
    "delivery",
    "hours",
    "payment",
    "faq",
    "thanks",
    "human",
    "complaint",
    "other",
];

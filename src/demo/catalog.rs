//! Names and figures the demo company is made of.

pub const ACCOUNT_NAMES: &[&str] = &[
    "Northwind Logistics",
    "Aurora Health Oy",
    "Bergmann Maschinenbau GmbH",
    "Lumen Retail Group",
    "Fjord Energy AS",
    "Costa Verde Hotels",
    "Helix Biotech",
    "Kestrel Insurance",
    "Meridian Foods",
    "Quarry & Stone Ltd",
    "Atlas Freight Inc.",
    "Pioneer Software LLC",
    "Blue Harbor Media Inc.",
    "Summit Outdoor Co.",
];

/// Accounts from this index on bill in USD.
pub const FIRST_USD_ACCOUNT: usize = 10;

pub const BUSINESS_UNITS: &[&str] = &["Consulting", "Digital", "Managed Services"];

pub const MANAGERS: &[&str] = &["Anna Virtanen", "Ben Carter", "Chloe Martin", "David Lee"];

pub const PEOPLE: &[(&str, &str)] = &[
    ("Eva Laine", "consultant"),
    ("Frank Ortiz", "senior consultant"),
    ("Grace Kim", "developer"),
    ("Hugo Weber", "designer"),
    ("Ines Costa", "project manager"),
];

/// Role rates of the standard price lists.
pub const ROLE_RATES: &[(&str, &str)] = &[
    ("consultant", "95.00"),
    ("senior consultant", "125.00"),
    ("developer", "105.00"),
    ("designer", "90.00"),
    ("project manager", "115.00"),
];

pub const PROJECT_WORDS: &[&str] = &[
    "ERP rollout",
    "Data platform",
    "Web shop renewal",
    "Cloud migration",
    "Mobile app",
    "Security audit",
    "CRM integration",
    "Analytics",
    "Service desk",
    "Intranet",
];

pub const ITEM_TYPES: &[&str] = &[
    "Services", "Services", "Services", "Hosting", "Licences", "Travel", "Training", "Support",
];

/// VAT rates (percent) of EUR items, weighted by repetition; USD accounts are export (0%).
pub const EUR_VAT_RATES: &[&str] = &["24", "24", "24", "24", "14", "10", "0"];

pub const EXPENSES: &[&str] = &[
    "Train tickets",
    "Hotel",
    "Workshop venue",
    "Software licence",
];

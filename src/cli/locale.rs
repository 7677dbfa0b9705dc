//! The number format of the locale finctl runs in, from the environment (`LC_ALL`,
//! `LC_NUMERIC`, `LANG`): what a user who chose none reads and types figures in. The rule
//! itself is the domain's (`number_locale`), given the values read here.

use crate::domain::NumberFormat;
use crate::domain::number_locale::from_locale_env;

pub fn numbers() -> NumberFormat {
    let var = |name: &str| std::env::var(name).ok();
    from_locale_env(
        var("LC_ALL").as_deref(),
        var("LC_NUMERIC").as_deref(),
        var("LANG").as_deref(),
    )
}

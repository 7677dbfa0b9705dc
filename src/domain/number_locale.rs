//! The number format a user has by default, from the locale they run finctl in: a user who
//! never chose one reads and types figures as their locale writes them. Pure: the command line
//! reads the environment and hands the values here.

use super::number_format::NumberFormat;

/// The format of the locale the environment names, as POSIX picks it: `LC_ALL` overrides
/// everything, then `LC_NUMERIC`, then `LANG`; the first one set (and not empty) decides. A
/// locale that names no format (`C`, `POSIX`, a language not listed) gives `1,234.56`.
pub fn from_locale_env(
    lc_all: Option<&str>,
    lc_numeric: Option<&str>,
    lang: Option<&str>,
) -> NumberFormat {
    [lc_all, lc_numeric, lang]
        .into_iter()
        .flatten()
        .find(|v| !v.trim().is_empty())
        .and_then(of_locale)
        .unwrap_or_default()
}

/// How a locale (`de_DE.UTF-8`, `fr_CH`, `pt-BR`, `de_DE@euro`) writes 1234.56, as the Unicode
/// CLDR has it for the locales of finctl's users, each mapped to the nearest of the four
/// formats; `None` for `C`, `POSIX` and languages not listed.
pub fn of_locale(name: &str) -> Option<NumberFormat> {
    use NumberFormat::*;
    // Language and territory, without the codeset (`.UTF-8`) and the modifier (`@euro`).
    let base = name.trim().split(['.', '@']).next().unwrap_or_default();
    let mut parts = base.split(['_', '-']);
    let language = parts.next().unwrap_or_default().to_ascii_lowercase();
    let territory = parts.next().unwrap_or_default().to_ascii_uppercase();
    // Where a territory writes otherwise than its language does elsewhere.
    let by_territory = match (language.as_str(), territory.as_str()) {
        ("de" | "it" | "rm" | "gsw", "CH" | "LI") => Some(ApostrophePoint),
        ("fr", "CH") => Some(SpaceComma),
        ("de", "AT") => Some(SpaceComma),
        ("pt", "PT") => Some(SpaceComma),
        ("en", "ZA") => Some(SpaceComma),
        ("es", "MX" | "US" | "PR" | "DO" | "GT" | "HN" | "NI" | "PA" | "SV") => Some(CommaPoint),
        _ => None,
    };
    by_territory.or(match language.as_str() {
        "en" | "ja" | "zh" | "ko" | "he" | "th" | "ms" | "hi" | "ga" | "cy" | "mt" | "fil"
        | "tl" => Some(CommaPoint),
        "fr" | "ru" | "uk" | "pl" | "cs" | "sk" | "fi" | "sv" | "nb" | "nn" | "no" | "et"
        | "lv" | "lt" | "hu" | "bg" | "be" | "kk" | "ka" | "hy" | "uz" => Some(SpaceComma),
        // Portuguese is Brazil's here (Portugal is above).
        "de" | "es" | "it" | "nl" | "da" | "id" | "tr" | "el" | "ro" | "hr" | "sl" | "sr"
        | "bs" | "mk" | "is" | "vi" | "ca" | "gl" | "eu" | "az" | "pt" => Some(PointComma),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use NumberFormat::*;

    #[test]
    fn locales_name_their_formats() {
        assert_eq!(of_locale("de_DE.UTF-8"), Some(PointComma));
        assert_eq!(of_locale("fr_FR"), Some(SpaceComma));
        assert_eq!(of_locale("de_CH.UTF-8"), Some(ApostrophePoint));
        assert_eq!(of_locale("en_US.UTF-8"), Some(CommaPoint));
        assert_eq!(of_locale("pt_BR.UTF-8"), Some(PointComma));
        assert_eq!(of_locale("pt_PT"), Some(SpaceComma));
        assert_eq!(of_locale("fi_FI.UTF-8@euro"), Some(SpaceComma));
        assert_eq!(of_locale("nl-NL"), Some(PointComma));
        assert_eq!(of_locale("es_MX"), Some(CommaPoint));
        assert_eq!(of_locale("C"), None);
        assert_eq!(of_locale("C.UTF-8"), None);
        assert_eq!(of_locale("POSIX"), None);
        assert_eq!(of_locale(""), None);
        assert_eq!(of_locale("xx_YY"), None);
    }

    #[test]
    fn lc_all_then_lc_numeric_then_lang() {
        let de = Some("de_DE.UTF-8");
        let fr = Some("fr_FR.UTF-8");
        let ch = Some("de_CH.UTF-8");
        assert_eq!(from_locale_env(None, None, de), PointComma);
        assert_eq!(from_locale_env(None, fr, de), SpaceComma);
        assert_eq!(from_locale_env(ch, fr, de), ApostrophePoint);
        // Set but empty counts as unset.
        assert_eq!(from_locale_env(Some(""), None, de), PointComma);
        // The first one set decides, even when it names no format.
        assert_eq!(from_locale_env(Some("C"), None, de), CommaPoint);
        assert_eq!(from_locale_env(None, Some("POSIX"), fr), CommaPoint);
        assert_eq!(from_locale_env(None, None, None), CommaPoint);
    }
}

//! The choices a picker offers: what contains the typed text, in code or name, the exact and
//! leading matches first; a milestone picker only the milestones of the project named.

use crate::support;

use finctl::store::pickers::{PickOf, PickOption};
use support::store::Company;

fn keys(options: &[PickOption]) -> Vec<&str> {
    options.iter().map(|o| o.key.as_str()).collect()
}

#[test]
fn projects_match_code_or_name_without_case_exact_first() {
    let c = Company::new();
    let all = c.store.pick(PickOf::Project, "").unwrap();
    assert_eq!(keys(&all), ["P1", "P2", "P3", "U1"]);
    assert_eq!(all[0].id, c.p1);
    assert!(all[0].detail.contains("Acme"), "{}", all[0].detail);
    assert!(all[0].detail.contains("launched"), "{}", all[0].detail);
    assert_eq!(
        keys(&c.store.pick(PickOf::Project, " u1 ").unwrap()),
        ["U1"]
    );
    // "p" starts P1..P3 and is inside no U1 field but its name: leading matches first.
    let p = c.store.pick(PickOf::Project, "p").unwrap();
    assert_eq!(&keys(&p)[..3], ["P1", "P2", "P3"]);
    assert!(c.store.pick(PickOf::Project, "zzz").unwrap().is_empty());
}

#[test]
fn accounts_and_price_lists_match_their_names() {
    let c = Company::new();
    let acme = c.store.pick(PickOf::Account, "ACM").unwrap();
    assert_eq!(keys(&acme), ["Acme"]);
    assert_eq!(acme[0].id, c.acme);
    assert!(acme[0].detail.starts_with("EUR"), "{}", acme[0].detail);
    assert_eq!(
        keys(&c.store.pick(PickOf::Account, "").unwrap()),
        ["Acme", "Globex"]
    );
    let lists = c.store.pick(PickOf::PriceList, "2026").unwrap();
    assert_eq!(keys(&lists), ["Standard 2026"]);
    assert_eq!(lists[0].id, c.price_list);
}

#[test]
fn milestones_are_those_of_the_project_named() {
    let c = Company::new();
    let p1 = PickOf::Milestone { project_code: "P1" };
    let all = c.store.pick(p1, "").unwrap();
    assert_eq!(keys(&all), ["M1", "M2"]);
    assert!(all[0].detail.contains("reached"), "{}", all[0].detail);
    assert!(!all[1].detail.contains("reached"), "{}", all[1].detail);
    assert_eq!(keys(&c.store.pick(p1, "accept").unwrap()), ["M2"]);
    let p2 = PickOf::Milestone { project_code: "P2" };
    assert!(c.store.pick(p2, "").unwrap().is_empty());
    let nobody = PickOf::Milestone {
        project_code: "nope",
    };
    assert!(c.store.pick(nobody, "").unwrap().is_empty());
}

#[test]
fn like_wildcards_are_plain_characters() {
    let c = Company::new();
    assert!(c.store.pick(PickOf::Project, "%").unwrap().is_empty());
    assert!(c.store.pick(PickOf::Project, "_").unwrap().is_empty());
}

use midun::credit_code::{check, normalize, CodeStatus};

#[test]
fn known_valid_codes_pass_both_checks() {
    for code in [
        "91350100M000100Y43",
        "91110000101623741K",
        "12100000000013127A",
    ] {
        let c = check(code);
        assert_eq!(c.status, CodeStatus::Valid, "{code}: {:?}", c.reason);
        assert_eq!(c.line(), format!("{code}\t有效"));
    }
}

#[test]
fn normalisation_trims_drops_spaces_folds_width_and_case() {
    assert_eq!(normalize("  9135 0100m000100y43 "), "91350100M000100Y43");
    // Full-width digits and letters, an ideographic space.
    assert_eq!(
        normalize("９１３５０１００Ｍ０００１００Ｙ４３\u{3000}"),
        "91350100M000100Y43"
    );
    let c = check(" 91350100m000100y43\t");
    assert_eq!(c.status, CodeStatus::Valid);
    assert_eq!(c.normalized, "91350100M000100Y43");
}

#[test]
fn wrong_length_is_invalid_and_says_so() {
    let c = check("91350100M000100Y4");
    assert_eq!(c.status, CodeStatus::Invalid);
    assert_eq!(
        c.line(),
        "91350100M000100Y4\t无效：长度应为 18 位，实为 17 位"
    );
    assert_eq!(check("").status, CodeStatus::Invalid);
    assert_eq!(check("91350100M000100Y430").status, CodeStatus::Invalid);
}

#[test]
fn letters_outside_the_alphabet_are_named_with_their_position() {
    // I, O, S, V, Z are not in GB 32100's alphabet.
    let c = check("91350100M0001O0Y43");
    assert_eq!(c.status, CodeStatus::Invalid);
    let r = c.reason.unwrap();
    assert!(r.contains("第 14 位") && r.contains("“O”"), "{r}");
    assert!(check("9135010-M000100Y43")
        .reason
        .unwrap()
        .contains("第 8 位"));
}

#[test]
fn a_wrong_check_character_names_the_expected_one() {
    let c = check("91350100M000100Y44");
    assert_eq!(c.status, CodeStatus::Invalid);
    assert_eq!(c.line(), "91350100M000100Y44\t无效：校验码应为“3”，实为“4”");
}

#[test]
fn an_organisation_code_mismatch_is_only_a_warning() {
    // Passes GB 32100, but 10162374-2 fails GB 11714 (it should be -1).
    let c = check("91110000101623742N");
    assert_eq!(c.status, CodeStatus::Warning);
    let line = c.line();
    assert!(
        line.starts_with("91110000101623742N\t有效（警告："),
        "{line}"
    );
    assert!(
        line.contains("GB 11714") && line.contains("应为“1”"),
        "{line}"
    );
}

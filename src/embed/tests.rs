use super::*;
use crate::condition::Condition;
use crate::filter::PriceFilter;

fn districts() -> Vec<crate::district::District> {
    Config::shipped().area.districts
}

fn view(query: &str) -> ViewState {
    ViewState::from_query(query, &districts())
}

#[test]
fn embed_mode_locks_centre_zoom_and_frame_are_read() {
    let o = EmbedOptions::from_query("?embed=1&lock=district,condition&center=51.66,-0.40&zoom=13&frame=map-1");
    assert!(o.embed);
    assert_eq!(o.locks, [Lock::District, Lock::Condition].into_iter().collect());
    assert_eq!(o.center, Some(LatLng { lat: 51.66, lng: -0.40 }));
    assert_eq!(o.zoom, Some(13));
    assert_eq!(o.frame.as_deref(), Some("map-1"));
}

#[test]
fn without_embed_parameters_nothing_changes() {
    assert_eq!(EmbedOptions::from_query("?district=watford&q=pool"), EmbedOptions::default());
    assert_eq!(EmbedOptions::from_query(""), EmbedOptions::default());
}

#[test]
fn junk_embed_parameters_are_ignored() {
    let o = EmbedOptions::from_query(
        "embed=maybe&lock=everything,district,,scheme&lock=%ZZ&center=0,0&zoom=99&frame=%3Cscript%3E&brand=red",
    );
    assert!(!o.embed);
    assert_eq!(o.locks, [Lock::District].into_iter().collect());
    assert_eq!(o.center, None, "a centre outside the UK is refused");
    assert_eq!(o.zoom, None);
    assert_eq!(o.frame, None, "a frame id with markup is refused");
    assert_eq!(o.theme, None, "only hex colours");
    assert_eq!(EmbedOptions::from_query("center=51.7").center, None);
    assert_eq!(EmbedOptions::from_query("center=NaN,NaN").center, None);
    assert_eq!(EmbedOptions::from_query("zoom=4").zoom, None);
    let long = format!("frame={}", "a".repeat(65));
    assert_eq!(EmbedOptions::from_query(&long).frame, None);
}

#[test]
fn every_lock_round_trips_through_its_code() {
    for lock in Lock::ALL {
        assert_eq!(Lock::from_code(lock.code()), Some(lock));
    }
    assert_eq!(Lock::from_code("search"), Some(Lock::Search));
    assert_eq!(Lock::from_code("scheme"), None);
}

#[test]
fn colours_are_hex_only() {
    assert_eq!(Colour::parse("#1d70b8"), Some(Colour { r: 0x1d, g: 0x70, b: 0xb8 }));
    assert_eq!(Colour::parse("1D70B8"), Some(Colour { r: 0x1d, g: 0x70, b: 0xb8 }));
    assert_eq!(Colour::parse("#fff"), Some(Colour { r: 255, g: 255, b: 255 }));
    for bad in ["red", "#12345", "#1234567", "#ggg", "", "#", "url(x)", "#fff;background:url(x)", "#ｆｆｆ"] {
        assert_eq!(Colour::parse(bad), None, "{bad}");
    }
    assert_eq!(Colour::parse("#ABC").unwrap().to_string(), "#aabbcc");
}

#[test]
fn contrast_ratios_match_wcag_reference_values() {
    let c = |s| Colour::parse(s).unwrap();
    assert!((c("#000").contrast(c("#fff")) - 21.0).abs() < 1e-9);
    assert!((c("#fff").contrast(c("#fff")) - 1.0).abs() < 1e-9);
    // GOV.UK blue on white 5.17:1, NHS blue 6.38:1, #767676 (the lightest AA grey) 4.54:1.
    assert!((c("#1d70b8").contrast(c("#fff")) - 5.17).abs() < 0.01);
    assert!((c("#005eb8").contrast(c("#fff")) - 6.38).abs() < 0.01);
    assert!((c("#767676").contrast(c("#fff")) - 4.54).abs() < 0.01);
}

#[test]
fn a_colour_pair_below_aa_contrast_is_refused_with_the_reason() {
    assert!(Theme::new("#005eb8", None).is_ok());
    assert!(Theme::new("#ffdd00", Some("#0b0c0c")).is_ok(), "dark text on yellow");
    let err = Theme::new("#ffdd00", None).unwrap_err();
    assert!(matches!(err, ThemeError::TooLittleContrast { .. }));
    let words = err.to_string();
    assert!(words.contains("1.3:1") && words.contains("4.5:1"), "{words}");
    let err = Theme::new("#777", None).unwrap_err();
    assert!(err.to_string().contains("4.4:1"), "rounded down, never up: {err}");
    assert!(matches!(Theme::new("blue", None), Err(ThemeError::NotAColour { field: "brand", .. })));
    assert!(matches!(Theme::new("#005eb8", Some("white")), Err(ThemeError::NotAColour { field: "text", .. })));
}

#[test]
fn a_url_colour_pair_that_fails_contrast_keeps_the_default_theme() {
    assert_eq!(EmbedOptions::from_query("brand=%23ffdd00").theme, None);
    let o = EmbedOptions::from_query("brand=%23ffdd00&brand_text=%230b0c0c");
    assert_eq!(o.theme.unwrap().brand.to_string(), "#ffdd00");
}

#[test]
fn embed_parameters_round_trip() {
    let q = "?embed=1&lock=district,q&center=51.65500,-0.39600&zoom=12&brand=%23005eb8&brand_text=%23ffffff&frame=f1";
    let o = EmbedOptions::from_query(q);
    let again: Vec<String> = o.to_pairs().into_iter().map(|(k, v)| format!("{k}={}", url_state::encode(&v))).collect();
    assert_eq!(format!("?{}", again.join("&")), q);
}

#[test]
fn locks_keep_the_preset_values_whatever_the_person_does() {
    let o = EmbedOptions::from_query("lock=district,price");
    let preset = view("district=watford&price=free&condition=diabetes");
    let mut now = view("district=stevenage&price=10&condition=heart&q=pool");
    o.enforce_locks(&preset, &mut now);
    assert_eq!(now.filters.districts, ["watford".to_string()].into_iter().collect());
    assert_eq!(now.filters.price, PriceFilter::Free);
    assert_eq!(now.filters.conditions, [Condition::Heart].into_iter().collect(), "not locked: the person's choice");
    assert_eq!(now.filters.text, "pool");
}

#[test]
fn the_limit_line_says_what_a_locked_map_shows() {
    let config = Config::shipped();
    let o = EmbedOptions::from_query("lock=district");
    assert_eq!(o.limited_to(&view("district=watford"), &config).as_deref(), Some("Showing schemes in Watford"));
    assert_eq!(
        o.limited_to(&view("district=watford,three-rivers"), &config).as_deref(),
        Some("Showing schemes in Three Rivers or Watford")
    );
    let o = EmbedOptions::from_query("lock=district,condition,price");
    assert_eq!(
        o.limited_to(&view("district=watford&condition=diabetes,heart&price=free"), &config).as_deref(),
        Some("Showing schemes in Watford for heart and circulation or diabetes, free only")
    );
    // Not locked, or locked but empty: nothing to say.
    assert_eq!(EmbedOptions::default().limited_to(&view("district=watford"), &config), None);
    assert_eq!(EmbedOptions::from_query("lock=district").limited_to(&view(""), &config), None);
}

#[test]
fn the_resize_message_has_a_documented_shape() {
    let m: serde_json::Value = serde_json::from_str(&resize_message(Some("map-1"), 812, Some(0))).unwrap();
    assert_eq!(m["type"], "referral-map:resize");
    assert_eq!(m["version"], 1);
    assert_eq!(m["frame"], "map-1");
    assert_eq!(m["height"], 812);
    assert_eq!(m["count"], 0);
    let m: serde_json::Value = serde_json::from_str(&resize_message(None, 5, None)).unwrap();
    assert!(m["frame"].is_null());
    assert!(m.get("count").is_none(), "no count before the schemes are loaded");
}

#[test]
fn open_the_full_map_carries_the_view_and_drops_embed_parameters() {
    let v = view("district=watford&condition=diabetes&embed=1&lock=district");
    assert_eq!(
        full_map_url("https://maps.example.org/referral/?embed=1&lock=district#x", &v),
        "https://maps.example.org/referral/?district=watford&condition=diabetes"
    );
}

#[test]
fn open_the_full_map_keeps_the_postcode_in_the_fragment() {
    let mut v = view("district=watford");
    v.postcode = Some("SG1 1LZ".into());
    assert_eq!(
        full_map_url("https://maps.example.org/referral/?embed=1", &v),
        "https://maps.example.org/referral/?district=watford#postcode=SG1+1LZ"
    );
}

#[test]
fn the_iframe_src_puts_a_preset_postcode_in_the_fragment() {
    let mut c = code(Height::Fixed(700));
    c.view.postcode = Some("SG1 1LZ".into());
    let src = c.src();
    assert!(src.ends_with("&frame=watford-map#postcode=SG1+1LZ"), "{src}");
    assert!(!src.split('#').next().unwrap().contains("postcode"), "{src}");
}

fn code(height: Height) -> EmbedCode {
    EmbedCode {
        map_url: "https://maps.example.org/referral/".into(),
        view: view("district=watford&condition=diabetes"),
        options: EmbedOptions::from_query("lock=district&frame=watford-map"),
        height,
        title: "Exercise referral schemes in Watford".into(),
    }
}

#[test]
fn the_snippet_is_an_iframe_with_a_title_lazy_loading_geolocation_and_a_referrer_policy() {
    let s = code(Height::Fixed(700)).snippet();
    assert!(s.starts_with("<iframe src=\"https://maps.example.org/referral/?district=watford&amp;condition=diabetes&amp;embed=1&amp;lock=district&amp;frame=watford-map\""), "{s}");
    for part in [
        "title=\"Exercise referral schemes in Watford\"",
        "height=\"700\"",
        "loading=\"lazy\"",
        "allow=\"geolocation; clipboard-write\"",
        "referrerpolicy=\"strict-origin-when-cross-origin\"",
        "id=\"watford-map\"",
    ] {
        assert!(s.contains(part), "{part} in {s}");
    }
    assert!(!s.contains("<script"), "fixed height needs no script");
}

#[test]
fn auto_height_adds_the_one_line_script_from_our_origin() {
    let s = code(Height::Auto).snippet();
    assert!(s.ends_with("\n<script src=\"https://maps.example.org/referral/embed.js\" async></script>"), "{s}");
}

#[test]
fn hostile_builder_input_cannot_break_out_of_the_snippet() {
    let mut c = code(Height::Fixed(10));
    c.title = "\"><script>alert(1)</script>".into();
    c.map_url = "https://x.example/\"onload=\"alert(1)".into();
    let s = c.snippet();
    assert!(!s.contains("<script>"), "{s}");
    assert!(!s.contains("\"onload"), "{s}");
    assert!(s.contains("height=\"280\""), "heights are clamped to what works: {s}");
}

#[test]
fn the_resize_message_reads_back_and_other_messages_are_ignored() {
    assert_eq!(
        read_resize_message(&resize_message(Some("map-1"), 812, Some(24))),
        Some(ResizeMessage { frame: Some("map-1".into()), height: 812, count: Some(24) })
    );
    assert_eq!(
        read_resize_message(&resize_message(None, 5, None)),
        Some(ResizeMessage { frame: None, height: 5, count: None })
    );
    for other in [
        "",
        "812",
        "{\"type\":\"other\",\"version\":1,\"height\":5}",
        "{\"type\":\"referral-map:resize\",\"version\":2,\"height\":5}",
        "{\"type\":\"referral-map:resize\",\"version\":1,\"height\":-5}",
        "{\"type\":\"referral-map:resize\",\"version\":1,\"height\":\"tall\"}",
    ] {
        assert_eq!(read_resize_message(other), None, "{other}");
    }
}

#[test]
fn a_fixed_height_is_a_whole_number_of_pixels_that_works() {
    assert_eq!(Height::fixed_from_text("600"), Ok(Height::Fixed(600)));
    assert_eq!(Height::fixed_from_text(" 720px "), Ok(Height::Fixed(720)));
    for bad in ["", "tall", "279", "4001", "-600", "600.5"] {
        assert!(Height::fixed_from_text(bad).unwrap_err().contains("from 280 to 4000"), "{bad}");
    }
}

#[test]
fn an_iframe_needs_a_title_that_names_it() {
    assert!(title_problem("Exercise referral schemes in Watford").is_none());
    assert!(title_problem("   ").unwrap().contains("screen readers"));
    assert!(title_problem(&"x".repeat(151)).is_some());
}

#[test]
fn the_proposed_title_follows_the_presets() {
    let config = Config::shipped();
    let none = EmbedOptions::default();
    assert_eq!(default_title(&config, &view(""), &none), "Find an exercise referral scheme in Hertfordshire");
    assert_eq!(
        default_title(&config, &view("district=watford&condition=diabetes"), &none),
        "Find an exercise referral scheme: showing schemes in Watford for diabetes"
    );
}

#[test]
fn the_auto_height_reply_is_recognised_and_nothing_else() {
    assert!(is_auto_height_message(&auto_height_message()));
    assert!(is_auto_height_message("{\"version\":1,\"type\":\"referral-map:auto-height\"}"));
    for other in ["", "auto", "{\"type\":\"referral-map:auto-height\",\"version\":2}", &resize_message(None, 5, None)] {
        assert!(!is_auto_height_message(other), "{other}");
    }
}

#[test]
fn an_embedded_map_rewrites_its_address_with_the_embed_parameters_kept() {
    let o = EmbedOptions::from_query("?district=watford&embed=1&lock=district&frame=w&brand=%23005eb8");
    assert_eq!(
        o.append_to("?district=watford&price=free"),
        "?district=watford&price=free&embed=1&lock=district&brand=%23005eb8&brand_text=%23ffffff&frame=w"
    );
    assert_eq!(o.append_to(""), "?embed=1&lock=district&brand=%23005eb8&brand_text=%23ffffff&frame=w");
    assert_eq!(EmbedOptions::default().append_to("?q=pool"), "?q=pool", "outside embed mode nothing is added");
}

#[test]
fn the_configured_brand_is_used_unless_an_embed_address_gives_a_valid_one() {
    let mut config = Config::shipped();
    assert_eq!(theme_for(&config, &EmbedOptions::default()), Ok(None), "the shipped config keeps the defaults");
    config.brand = Some(crate::config::BrandColours { colour: "#005eb8".into(), text: None });
    let nhs_blue = theme_for(&config, &EmbedOptions::default()).unwrap().unwrap();
    assert_eq!(nhs_blue.brand.to_string(), "#005eb8");
    let partner = EmbedOptions::from_query("embed=1&brand=%230b0c0c");
    assert_eq!(theme_for(&config, &partner).unwrap().unwrap().brand.to_string(), "#0b0c0c");
    let not_embedded = EmbedOptions::from_query("brand=%230b0c0c");
    assert_eq!(theme_for(&config, &not_embedded).unwrap().unwrap().brand.to_string(), "#005eb8", "only in embed mode");
    let refused = EmbedOptions::from_query("embed=1&brand=%23ffdd00");
    assert_eq!(
        theme_for(&config, &refused).unwrap().unwrap().brand.to_string(),
        "#005eb8",
        "a failing pair keeps the config's"
    );
    config.brand = Some(crate::config::BrandColours { colour: "#ffdd00".into(), text: None });
    assert!(matches!(theme_for(&config, &EmbedOptions::default()), Err(ThemeError::TooLittleContrast { .. })));
}

#[test]
fn clear_filters_counts_only_what_a_person_can_change() {
    let o = EmbedOptions::from_query("lock=district,price");
    let v = view("district=watford&price=free&condition=diabetes");
    let free = o.unlocked(&v.filters);
    assert_eq!(free.active_count(), 1, "only the condition");
    assert!(o.unlocked(&view("district=watford&price=free").filters).is_empty());
}

#[test]
fn coordinates_are_written_with_five_decimals_as_format_would() {
    for x in [51.66, -0.4, -0.000006, 0.0, 49.123456, -8.999995, 2.5, 60.999999, -0.39600] {
        assert_eq!(five_decimals(x), format!("{x:.5}"), "{x}");
    }
    // Where `format!` would write "-0.00000", a rounded zero has no sign.
    assert_eq!(five_decimals(-0.000004), "0.00000");
}

#[test]
fn a_centre_is_read_as_json_numbers() {
    assert_eq!(EmbedOptions::from_query("center=51.5,-0.1").center, Some(LatLng { lat: 51.5, lng: -0.1 }));
    assert_eq!(EmbedOptions::from_query("center= 51.5 , -0.1 ").center, Some(LatLng { lat: 51.5, lng: -0.1 }));
    for refused in ["%2B51.5,-0.1", "51.5,", ",-0.1", "inf,0", "51.5,-0.1,3", "0x33,0", "51.5e0x,0"] {
        assert_eq!(EmbedOptions::from_query(&format!("center={refused}")).center, None, "{refused}");
    }
}

#[test]
fn a_frame_id_that_needs_escaping_is_never_written_into_the_message() {
    assert_eq!(resize_message(Some("a\"b"), 5, None), resize_message(None, 5, None));
    assert_eq!(
        resize_message(Some("map-1"), 812, None),
        "{\"type\":\"referral-map:resize\",\"version\":1,\"frame\":\"map-1\",\"height\":812}"
    );
    assert_eq!(
        resize_message(Some("map-1"), 812, Some(3)),
        "{\"type\":\"referral-map:resize\",\"version\":1,\"frame\":\"map-1\",\"height\":812,\"count\":3}"
    );
}

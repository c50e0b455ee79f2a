//! Contrast between two colours, as WCAG 2.1 defines it (relative luminance, 1.4.3).
//!
//! In: colours as the plan writes them (`"#1f4e79"`, `"#fc0"`). Out: their contrast ratio,
//! from 1 (the same luminance) to 21 (black on white), in exact decimals: the power 2.4 of the
//! sRGB curve is taken as a square times a fifth root found by Newton's method.

use rust_decimal::Decimal;

/// A colour's red, green and blue channels.
pub type Rgb = [u8; 3];

/// White, the page's background.
pub const WHITE: Rgb = [255, 255, 255];

/// Reads `#rgb` or `#rrggbb` (any case, spaces around allowed); `None` for anything else.
pub fn parse(code: &str) -> Option<Rgb> {
    let hex = code.trim().strip_prefix('#')?;
    let digit = |c: char| c.to_digit(16).map(|d| d as u8);
    let digits: Vec<u8> = hex.chars().map(digit).collect::<Option<_>>()?;
    match digits.as_slice() {
        [r, g, b] => Some([r * 17, g * 17, b * 17]),
        [r1, r2, g1, g2, b1, b2] => Some([r1 * 16 + r2, g1 * 16 + g2, b1 * 16 + b2]),
        _ => None,
    }
}

/// The fifth root of `y` in [0, 1], to about 20 decimal places.
fn fifth_root(y: Decimal) -> Decimal {
    if y <= Decimal::ZERO {
        return Decimal::ZERO;
    }
    let mut r = Decimal::ONE;
    for _ in 0..100 {
        let r4 = r * r * r * r;
        let next = (Decimal::from(4) * r + y / r4) / Decimal::from(5);
        if (next - r).abs() < Decimal::new(1, 18) {
            return next;
        }
        r = next;
    }
    r
}

/// One channel on the linear scale: `c / 12.92` for dark values, `((c + 0.055) / 1.055)^2.4`
/// otherwise, with `c` the channel over 255.
fn linear(channel: u8) -> Decimal {
    let c = Decimal::from(channel) / Decimal::from(255);
    if c <= Decimal::new(4045, 5) {
        return c / Decimal::new(1292, 2);
    }
    let x = (c + Decimal::new(55, 3)) / Decimal::new(1055, 3);
    let square = x * x;
    square * fifth_root(square)
}

/// The relative luminance: 0 for black, 1 for white.
pub fn luminance(rgb: Rgb) -> Decimal {
    let [r, g, b] = rgb.map(linear);
    Decimal::new(2126, 4) * r + Decimal::new(7152, 4) * g + Decimal::new(722, 4) * b
}

/// The contrast ratio of two colours, the lighter's luminance over the darker's (each plus
/// 0.05): 1 to 21.
pub fn ratio(a: Rgb, b: Rgb) -> Decimal {
    let (la, lb) = (luminance(a), luminance(b));
    let (light, dark) = if la >= lb { (la, lb) } else { (lb, la) };
    (light + Decimal::new(5, 2)) / (dark + Decimal::new(5, 2))
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::*;

    fn near(a: Decimal, b: Decimal) -> bool {
        (a - b).abs() < dec!(0.01)
    }

    #[test]
    fn black_on_white_is_21_and_a_colour_on_itself_1() {
        assert!(near(ratio([0, 0, 0], WHITE), dec!(21)));
        assert_eq!(ratio([18, 52, 86], [18, 52, 86]), Decimal::ONE);
    }

    #[test]
    fn ratios_match_published_values() {
        // The same formula in floating point, outside vplan (#767676 is the lightest grey with 4.5:1).
        assert!(near(ratio(parse("#767676").unwrap(), WHITE), dec!(4.54)));
        assert!(near(ratio(parse("#1f4e79").unwrap(), WHITE), dec!(8.66)));
        assert!(near(ratio(parse("#f0c000").unwrap(), WHITE), dec!(1.72)));
        assert!(near(ratio(parse("#777").unwrap(), WHITE), dec!(4.48)));
    }

    #[test]
    fn only_hex_codes_are_read() {
        assert_eq!(parse(" #FfF "), Some(WHITE));
        assert_eq!(parse("#12345"), None);
        assert_eq!(parse("blå"), None);
        assert_eq!(parse("#gg0000"), None);
    }
}

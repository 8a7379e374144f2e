//! Paragraph and run properties. Every field is optional: `None` means "inherit", so direct
//! formatting, styles and defaults can be layered with [`RunProps::merge`] and [`ParaProps::merge`].

use crate::units::{Rgb, Twips};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Align {
    Start,
    Center,
    End,
    Justify,
    /// Absolute left and right: Word's `left`/`right` (ECMA-376-1 §17.18.44 ST_Jc, Transitional)
    /// name sides of the page also in right-to-left paragraphs, as LibreOffice reads them.
    Left,
    Right,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum VertAlign {
    Top,
    Middle,
    Bottom,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Underline {
    None,
    Single,
    Double,
    Dotted,
    Dashed,
    Wave,
    Thick,
    Words,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LineSpacing {
    /// Proportional, in 240ths of a line (240 = single).
    Auto(i64),
    Exact(Twips),
    AtLeast(Twips),
}

/// One border line: width, style and colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Border {
    /// Width in eighths of a point (ST_EighthPointMeasure).
    pub eighths: i64,
    pub double: bool,
    pub color: Option<Rgb>,
    /// Distance from the text, in points.
    pub space: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TabStop {
    pub pos: Twips,
    /// 'L', 'C', 'R', 'D' (decimal).
    pub kind: char,
    pub leader: Option<char>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct RunProps {
    pub bold: Option<bool>,
    pub italic: Option<bool>,
    pub underline: Option<Underline>,
    pub strike: Option<bool>,
    pub double_strike: Option<bool>,
    pub caps: Option<bool>,
    pub small_caps: Option<bool>,
    pub hidden: Option<bool>,
    pub superscript: Option<bool>,
    pub subscript: Option<bool>,
    /// Size in half-points.
    pub size: Option<i64>,
    pub size_cs: Option<i64>,
    pub color: Option<Rgb>,
    pub highlight: Option<Rgb>,
    pub shading: Option<Rgb>,
    pub font: Option<String>,
    pub font_east_asia: Option<String>,
    pub font_cs: Option<String>,
    /// Character spacing in twips.
    pub spacing: Option<i64>,
    pub lang: Option<String>,
    pub position: Option<i64>,
    /// Horizontal scale of the characters in percent (w:w).
    pub scale: Option<i64>,
    /// Two lines in one (w:eastAsianLayout w:combine), with the brackets around them if any.
    pub combine: Option<bool>,
    pub combine_brackets: Option<[char; 2]>,
    /// Raised (negative: lowered) by this percentage of the font size: w:position resolved
    /// against the run's size.
    pub raise: Option<i64>,
}

/// Calls a macro with every field of [`RunProps`], so that whole-record operations name each
/// field once.
macro_rules! run_fields {
    ($m:ident) => {
        $m!(
            bold,
            italic,
            underline,
            strike,
            double_strike,
            caps,
            small_caps,
            hidden,
            superscript,
            subscript,
            size,
            size_cs,
            color,
            highlight,
            shading,
            font,
            font_east_asia,
            font_cs,
            spacing,
            lang,
            position,
            scale,
            combine,
            combine_brackets,
            raise
        )
    };
}

impl RunProps {
    /// Fills every unset field from `base`.
    pub fn merge(&mut self, base: &RunProps) {
        macro_rules! take {
            ($($f:ident),*) => { $( if self.$f.is_none() { self.$f = base.$f.clone(); } )* };
        }
        run_fields!(take);
    }

    pub fn is_empty(&self) -> bool {
        *self == RunProps::default()
    }

    /// Clears every field that `other` sets (where `other` takes precedence over `self`).
    pub fn clear_where_set(&mut self, other: &RunProps) {
        macro_rules! clear {
            ($($f:ident),*) => { $( if other.$f.is_some() { self.$f = None; } )* };
        }
        run_fields!(clear);
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct ParaProps {
    pub align: Option<Align>,
    pub indent_left: Option<Twips>,
    pub indent_right: Option<Twips>,
    /// First-line indent; negative for a hanging indent.
    pub indent_first: Option<Twips>,
    pub space_before: Option<Twips>,
    pub space_after: Option<Twips>,
    pub line: Option<LineSpacing>,
    pub keep_next: Option<bool>,
    pub keep_lines: Option<bool>,
    pub widow: Option<bool>,
    pub page_break_before: Option<bool>,
    pub column_break_before: Option<bool>,
    /// Restart page numbering at this paragraph (set where a section restarts it).
    pub page_number: Option<i64>,
    pub tabs: Option<Vec<TabStop>>,
    pub shading: Option<Rgb>,
    /// top, bottom, left, right.
    pub borders: Option<[Option<Border>; 4]>,
    pub contextual_spacing: Option<bool>,
    pub bidi: Option<bool>,
    /// The spacing above/below is Word's automatic (HTML) spacing, which Word drops at the
    /// start and end of table cells and between list items.
    pub before_auto: Option<bool>,
    pub after_auto: Option<bool>,
    /// A drop capital: (characters, lines).
    pub drop_cap: Option<(u32, u32)>,
}

/// Calls `$m!` with every optional field of [`ParaProps`], so the field list is kept once.
macro_rules! para_fields {
    ($m:ident) => {
        $m!(
            align,
            indent_left,
            indent_right,
            indent_first,
            space_before,
            space_after,
            line,
            keep_next,
            keep_lines,
            widow,
            page_break_before,
            column_break_before,
            page_number,
            tabs,
            shading,
            borders,
            contextual_spacing,
            bidi,
            before_auto,
            after_auto,
            drop_cap
        )
    };
}

impl ParaProps {
    /// Fills every unset field from `base`.
    pub fn merge(&mut self, base: &ParaProps) {
        macro_rules! take {
            ($($f:ident),*) => { $( if self.$f.is_none() { self.$f = base.$f.clone(); } )* };
        }
        para_fields!(take);
    }

    pub fn is_empty(&self) -> bool {
        *self == ParaProps::default()
    }

    /// Clears every field that `other` sets (where `other` takes precedence over `self`).
    pub fn clear_where_set(&mut self, other: &ParaProps) {
        macro_rules! clear {
            ($($f:ident),*) => { $( if other.$f.is_some() { self.$f = None; } )* };
        }
        para_fields!(clear);
    }
}

//! Planning: the understood query → the look-ups to make, each a typed
//! [`Probe`] with the [`Stage`] it belongs to.
//!
//! Each derivation of what was typed becomes a look-up of its keys: at the
//! start of a name (led by the one prefix key its start spells), in an
//! alias, inside a name; a query of several parts is one look-up of all its
//! parts. Every look-up only gathers candidates; ranking checks each one
//! again and decides the order. A partly typed last syllable is a bounded
//! prefix expansion, never a scan (see `index::query`).

use std::mem::discriminant;

use super::understand::{Derivation, Part, Reading, Role, Understood};
use super::Filters;
use crate::index::query::{Probe, SeqField, WordField};
use crate::text::key::{NameKey, PhoneKey, PrefixKey, PrefixKind};
use crate::text::keys::{
    local_part, MAX_FUZZY_SYLLABLES, MAX_INITIALS_PREFIX, MAX_LITERAL_PREFIX, MAX_PINYIN_PREFIX,
    MIN_PHONE_PREFIX,
};
use crate::text::pinyin::{split_pinyin, Piece};
use crate::text::slip::may_hold_slip;

/// The stages of a search, in the order they run. Each holds look-ups of
/// about one tier of the ranking, so that once enough hits are found no
/// later look-up can rank above them; [`Stage::runs`] says when each one
/// runs. This is the one place that says so.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Stage {
    /// What was typed, as typed: the anchored prefix terms, the literal and
    /// pinyin phrases at the start of a name and in an alias, the number,
    /// the English name; for a query of several parts, all parts together.
    Typed,
    /// Short names derived from a name's words (`北师大`, `农行`): they rank
    /// above chars inside a name, so they are looked up before them.
    Short,
    /// The literal chars inside a name.
    Inside,
    /// Typed pinyin or initials inside a name or an alias.
    Within,
    /// What it may stand for: derived short names, homophones, fuzzy pinyin
    /// at the start of a name; for several parts, all parts with their
    /// sound-alikes.
    Derived,
    /// Fuzzy pinyin inside a name or an alias.
    DerivedWithin,
    /// One slip in typed pinyin, strictest look-up first.
    Slips,
}

/// What the stages before one found.
#[derive(Debug, Clone, Copy, Default)]
pub struct SoFar {
    /// Any hit at all.
    pub found: bool,
    /// A hit that matched a name or an alias as typed (tier alias or
    /// better).
    pub named: bool,
    /// The query has several parts (`天河 中医院`).
    pub several_parts: bool,
}

impl Stage {
    /// Returns true if and only if this stage runs after what the stages
    /// before it found.
    ///
    /// - What was typed and chars inside names always run (until the list
    ///   is full): they fill it below a name matched.
    /// - Nothing else runs once a name or alias matched as typed:
    ///   sound-alikes and slips would only add noise below it.
    /// - Pinyin inside a name, fuzzy or not, and a slip run only when
    ///   nothing was found: they are dear on a big directory, and a worse
    ///   explanation of what was typed than any match already found.
    /// - What the words of a query of several may stand for (`天河 中衣`)
    ///   runs only when the words found nothing as typed.
    pub fn runs(self, so_far: SoFar) -> bool {
        match self {
            Stage::Typed | Stage::Inside => true,
            _ if so_far.named => false,
            Stage::Short => true,
            Stage::Within | Stage::DerivedWithin | Stage::Slips => !so_far.found,
            Stage::Derived => !(so_far.found && so_far.several_parts),
        }
    }

    /// Returns true if and only if the stage is cheap: its look-ups start
    /// from what was typed or what it sounds like at the start of a name, a
    /// derived short name, or chars inside a name. The others (pinyin and
    /// initials inside names, one slip) read long posting lists, and run
    /// only when nothing else — no reading of a compound request either —
    /// matched.
    pub fn cheap(self) -> bool {
        matches!(
            self,
            Stage::Typed | Stage::Short | Stage::Inside | Stage::Derived
        )
    }

    /// Returns true if and only if the stage finds an organisation in a
    /// reading of a compound request: one named, as typed, from the start
    /// of its name or alias, or by a short name. (Sound-alikes of each
    /// part of a reading are a union of many look-ups per part, too dear
    /// for a guess at how the request splits.)
    pub fn for_readings(self) -> bool {
        matches!(self, Stage::Typed | Stage::Short)
    }

    /// Returns true if and only if the stage ends at its first look-up that
    /// finds anything: the slip look-ups go from the strictest (every
    /// syllable after the slip in the name) to the loosest, and a stricter
    /// one's hits explain what was typed better than any a looser one adds.
    pub fn ends_at_first_find(self) -> bool {
        self == Stage::Slips
    }
}

/// The look-ups of a query, in the order they are made: by stage, and
/// within a stage best first.
pub fn plan(understood: &Understood, filters: &Filters) -> Vec<(Stage, Probe)> {
    let mut plan = Planned::default();
    if let Some(digits) = &understood.number {
        plan.add(Stage::Typed, number_probe(digits));
    }
    match understood.parts.as_slice() {
        [part] => plan_part(&mut plan, understood, part),
        parts => {
            for (stage, only_typed) in [(Stage::Typed, true), (Stage::Derived, false)] {
                let all = parts.iter().map(|p| part_probe(p, only_typed)).collect();
                plan.add(stage, Probe::All(all));
            }
        }
    }
    if let Some(english) = english_probe(&understood.normalized) {
        plan.add(Stage::Typed, english);
    }
    plan.finish(filters)
}

/// Look-ups gathered stage by stage.
#[derive(Default)]
struct Planned {
    probes: Vec<(Stage, Probe)>,
    /// The prefix keys looked up on their own already.
    probed: Vec<PrefixKey>,
}

impl Planned {
    fn add(&mut self, stage: Stage, probe: Probe) {
        self.probes.push((stage, probe));
    }

    /// One prefix key on its own, remembered so that an anchored look-up
    /// its start spells whole is not made again.
    fn add_prefix(&mut self, stage: Stage, key: PrefixKey) {
        self.probed.push(key.clone());
        self.add(stage, Probe::Prefix(key));
    }

    /// The look-ups in stage order (in the order added within a stage),
    /// each narrowed by the filters.
    fn finish(mut self, filters: &Filters) -> Vec<(Stage, Probe)> {
        self.probes.sort_by_key(|(stage, _)| *stage);
        self.probes
            .into_iter()
            .map(|(stage, probe)| (stage, with_filters(probe, filters)))
            .collect()
    }
}

fn with_filters(probe: Probe, filters: &Filters) -> Probe {
    if filters.district.is_none() && filters.category.is_none() {
        return probe;
    }
    let mut all = vec![probe];
    if let Some(district) = &filters.district {
        all.push(Probe::District(district.clone()));
    }
    if let Some(category) = &filters.category {
        all.push(Probe::Category(category.clone()));
    }
    Probe::All(all)
}

/// The look-ups of a query of one part.
fn plan_part(plan: &mut Planned, understood: &Understood, part: &Part) {
    // Every prefix term looked up on its own, so that an anchored
    // derivation its start spells whole is not looked up again.
    if understood.number.is_none() {
        for key in prefix_keys(part) {
            let stage = match key {
                PrefixKey::Start(PrefixKind::Fuzzy, _) => Stage::Derived,
                _ => Stage::Typed,
            };
            plan.add_prefix(stage, key);
        }
    }
    if let Some(probes) = derived_short_name_probes(part) {
        for probe in probes {
            plan.add(Stage::Short, probe);
        }
    }
    let mut derivations: Vec<&Derivation> = part.derivations.iter().collect();
    derivations.sort_by_key(|d| d.reading);
    for d in &derivations {
        if let Some(spelled) = homophone_spelling(d) {
            for key in [
                PrefixKey::Whole(PrefixKind::Pinyin, spelled.clone()),
                PrefixKey::Start(PrefixKind::Pinyin, spelled),
            ] {
                plan.add_prefix(Stage::Derived, key);
            }
        }
    }
    // Anchored derivations that share their indexed start are one
    // look-up: the start picks the few names, the keys after it then
    // check them.
    let mut by_start: Vec<StartGroup> = Vec::new();
    let mut alias_typed: Vec<Probe> = Vec::new();
    let mut alias_derived: Vec<Probe> = Vec::new();
    for d in derivations {
        // Syllables and initials in turn (`guang h z ou`, a split of the
        // slipped `guanghzou`) are no one's way of typing a name: typed
        // pinyin switches from syllables to initials or back at most
        // once (`guangzhou sth`, `zs daxue`).
        if d.reading != Reading::Homophone && letter_switches(d) > 1 {
            continue;
        }
        let sounds = d.reading.by_sound();
        let stage = if sounds { Stage::Derived } else { Stage::Typed };
        match start_keys(part, d) {
            Some(start) => {
                let beyond = beyond_start(d, start.spelled);
                if weak_fuzzy(d) {
                    plan.add(Stage::DerivedWithin, start_and(&start.keys, beyond));
                } else {
                    match by_start
                        .iter_mut()
                        .find(|g| g.sounds == sounds && g.keys == start.keys)
                    {
                        Some(group) => group.add(beyond),
                        None => by_start.push(StartGroup {
                            sounds,
                            keys: start.keys,
                            checks: beyond.map(|q| vec![q]),
                        }),
                    }
                }
            }
            None => plan.add(
                stage,
                in_field(SeqField::Name, anchored_keys(d), d.prefix_last),
            ),
        }
        let alias = in_field(SeqField::Alias, d.keys.clone(), d.prefix_last);
        match (sounds, d.reading) {
            // An alias as typed outranks chars inside a name: looked
            // up before them.
            (false, Reading::Literal) => plan.add(Stage::Typed, alias),
            (false, _) => alias_typed.push(alias),
            (true, _) => alias_derived.push(alias),
        }
        // Pinyin, initials or sounds inside a name (`tianhezhihang`)
        // are a look-up of common keys, dear on a big directory: made
        // only when nothing matched from the start of a name or alias.
        let inside = in_field(SeqField::Name, d.keys.clone(), d.prefix_last);
        let initials_only = d.keys.iter().all(|k| matches!(k, NameKey::Initial(_)));
        match (sounds, d.reading) {
            (false, Reading::Literal) => plan.add(Stage::Inside, inside),
            // Long initials inside a name are no one's way of naming it,
            // and the dearest look-up there is (every key is common).
            (false, _) if initials_only && d.keys.len() > MAX_INNER_INITIALS => {}
            (false, _) => plan.add(Stage::Within, inside),
            (true, Reading::Homophone) => plan.add(Stage::Derived, inside),
            (true, _) => plan.add(Stage::DerivedWithin, inside),
        }
    }
    add_start_groups(plan, by_start);
    add_inside_aliases(plan, alias_typed, alias_derived);
    for probe in slip_probes(part) {
        plan.add(Stage::Slips, probe);
    }
}

/// The anchored look-ups, one a group of derivations sharing their start.
fn add_start_groups(plan: &mut Planned, by_start: Vec<StartGroup>) {
    for group in by_start {
        let stage = if group.sounds {
            Stage::Derived
        } else {
            Stage::Typed
        };
        match group.checks {
            // Each check intersected with the start on its own: an
            // intersection is driven by its rarest part, a union is not.
            Some(checks) => plan.add(
                stage,
                Probe::Any(
                    checks
                        .into_iter()
                        .map(|check| start_and(&group.keys, Some(check)))
                        .collect(),
                ),
            ),
            // The start alone, unless it was looked up already.
            None => {
                let fresh: Vec<PrefixKey> = group
                    .keys
                    .into_iter()
                    .filter(|k| !plan.probed.contains(k))
                    .collect();
                if !fresh.is_empty() {
                    plan.add(stage, start_and(&fresh, None));
                }
            }
        }
    }
}

/// Typed pinyin or sounds inside aliases.
fn add_inside_aliases(plan: &mut Planned, alias_typed: Vec<Probe>, alias_derived: Vec<Probe>) {
    // Typed pinyin or sounds in an alias: an anchored one is found by
    // the prefix terms already (aliases have prefix keys too), so these
    // look inside aliases, only when nothing matched before.
    for (stage, aliases) in [
        (Stage::Within, alias_typed),
        (Stage::DerivedWithin, alias_derived),
    ] {
        if !aliases.is_empty() {
            plan.add(stage, Probe::Any(aliases));
        }
    }
}

/// The prefix keys a single-part query may be, as single terms, best
/// first: each reading's whole-string key, then its prefix key (literal,
/// full pinyin, initials, fuzzy pinyin).
fn prefix_keys(part: &Part) -> Vec<PrefixKey> {
    let text = &part.text;
    let mut keys = vec![
        PrefixKey::Whole(PrefixKind::Literal, text.clone()),
        PrefixKey::Start(PrefixKind::Literal, text.clone()),
    ];
    if text.chars().all(|c| c.is_ascii_lowercase()) {
        for kind in [PrefixKind::Pinyin, PrefixKind::Initials] {
            keys.push(PrefixKey::Whole(kind, text.clone()));
            keys.push(PrefixKey::Start(kind, text.clone()));
        }
        for d in &part.derivations {
            let classes: Option<String> = d
                .keys
                .iter()
                .map(|k| match k {
                    NameKey::Fuzzy(class) => Some(class.as_str()),
                    _ => None,
                })
                .collect();
            if let (Reading::FuzzyPinyin, false, Some(classes)) =
                (d.reading, d.prefix_last, classes)
            {
                let key = PrefixKey::Start(PrefixKind::Fuzzy, classes);
                if !keys.contains(&key) {
                    keys.push(key);
                }
            }
        }
    }
    keys
}

/// A derived short name (`北师大`): its first char starts a word of the
/// name and the first char of its second piece starts a later word; every
/// char of it is in the name. One look-up of the pairs after the name's
/// regional prefix, then one of any pair, each of every char that may start
/// the second piece.
fn derived_short_name_probes(part: &Part) -> Option<Vec<Probe>> {
    if !part.may_be_short_name() || part.text.chars().count() > MAX_SHORT_NAME_CHARS {
        return None;
    }
    let chars: Vec<char> = part.text.chars().collect();
    let all_chars: Vec<Probe> = chars
        .iter()
        .map(|c| Probe::Key(SeqField::Name, NameKey::Char(*c)))
        .collect();
    // Pairs of words after the name's regional prefix first: the usual
    // short names (`鱼小` is 鱼珠小学 before any 黄埔区…小学).
    let pair_kinds: [fn(char, char) -> PrefixKey; 2] = [PrefixKey::CorePair, PrefixKey::WordPair];
    let mut seconds: Vec<char> = chars[1..].to_vec();
    seconds.dedup();
    Some(
        pair_kinds
            .iter()
            .map(|pair| {
                let pairs = seconds
                    .iter()
                    .map(|&second| Probe::Prefix(pair(chars[0], second)))
                    .collect();
                let mut all = vec![Probe::Any(pairs)];
                all.extend(all_chars.iter().cloned());
                Probe::All(all)
            })
            .collect(),
    )
}

/// Longest part looked up as a derived short name: short names are short
/// (`番禺何贤医院` is six chars), and every char of a longer part would be
/// one more look-up.
const MAX_SHORT_NAME_CHARS: usize = 8;

/// Longest organisation in a compound request looked up as a derived
/// short name (`北京体院`, `中山一院`, `哈工大`: short names of the usual
/// kind are two to five chars).
const MAX_SHORT_NAME_IN_REQUEST: usize = 5;

/// The full pinyin a homophone reading spells when it is syllables only.
fn homophone_spelling(d: &Derivation) -> Option<String> {
    if d.reading != Reading::Homophone {
        return None;
    }
    d.keys
        .iter()
        .map(|k| match k {
            NameKey::Syllable(s) => Some(s.as_str()),
            _ => None,
        })
        .collect()
}

/// Fuzzy syllables then initials (`guanzou s t h`): a short run of fuzzy
/// classes starts half the names, and nothing narrower is indexed; such a
/// reading waits until nothing else matched.
fn weak_fuzzy(d: &Derivation) -> bool {
    let fuzzy_run = d
        .keys
        .iter()
        .take_while(|k| matches!(k, NameKey::Fuzzy(_)))
        .count();
    d.reading == Reading::FuzzyPinyin && fuzzy_run < d.keys.len() && fuzzy_run < MIN_FUZZY_START
}

/// Longest typed pinyin a name's full-pinyin prefix keys hold.
const MAX_TYPO_LETTERS: usize = MAX_PINYIN_PREFIX;

/// One slip in typed pinyin (`zhongshnadaxue`, `zhongshandaxeu`): the
/// full-pinyin prefix keys within one edit (a letter swapped with its
/// neighbour, dropped, doubled or wrong), found by a Levenshtein automaton
/// over the term dictionary, never a scan. Strictest look-up first.
fn slip_probes(part: &Part) -> Vec<Probe> {
    let text = &part.text;
    if !may_hold_slip(text) {
        return Vec::new();
    }
    if text.len() < MAX_TYPO_LETTERS {
        return vec![Probe::Slip {
            letters: text.clone(),
            whole: true,
        }];
    }
    // Longer than the longest key: any key that starts within one slip of
    // the typed start (a slip moves letters, so keep one letter of room).
    let head = Probe::Slip {
        letters: text[..MAX_TYPO_LETTERS - 1].to_string(),
        whole: false,
    };
    // The start alone matches every name of a district (`guangzhoushihuaduq`):
    // the rest of what was typed picks among them. Its syllables must be in
    // the name: all of them; else all but one (the slip spoiled one); else
    // all of its first half, or all of its second (the slip spoiled the
    // split of the other half).
    let tail = tail_syllables(text, MAX_TYPO_LETTERS - 1);
    let n = tail.len();
    let mut groups: Vec<(&[&str], usize)> = vec![(&tail, n)];
    if n >= 2 {
        let half = n.div_ceil(2);
        groups.push((&tail, n - 1));
        groups.push((&tail[..half], half));
        groups.push((&tail[half..], n - half));
    }
    let mut probes: Vec<Probe> = groups
        .into_iter()
        .filter(|&(_, need)| need > 0)
        .map(|(syllables, need)| {
            let syllables: Vec<Probe> = syllables
                .iter()
                .map(|s| Probe::Key(SeqField::Name, NameKey::Syllable(s.to_string())))
                .collect();
            let in_name = if need == syllables.len() {
                Probe::All(syllables)
            } else {
                Probe::AtLeast {
                    need,
                    of: syllables,
                }
            };
            Probe::All(vec![head.clone(), in_name])
        })
        .collect();
    // Last, the start alone: its most popular names, each checked whole.
    probes.push(head);
    probes
}

/// The whole syllables of `text` that end after its first `from` letters,
/// as the best split of the whole text reads them (a slip spoils the split
/// only near itself, so the rest stays aligned on syllables). When the slip
/// leaves no split at all (a letter no syllable starts with, `jiiuyuan`),
/// the syllables of the longest start that splits, then those of the
/// longest end that splits from a whole syllable on.
fn tail_syllables(text: &str, from: usize) -> Vec<&'static str> {
    fn whole_syllables(split: &[Piece<'_>], offset: usize, from: usize) -> Vec<&'static str> {
        let mut end = offset;
        let mut out = Vec::new();
        for piece in split {
            end += piece.text().len();
            if let Piece::Full(s) = piece {
                if end > from {
                    out.push(*s);
                }
            }
        }
        out
    }
    fn first_split(t: &str) -> Option<Vec<Piece<'_>>> {
        split_pinyin(t, 1).into_iter().next()
    }
    if let Some(split) = first_split(text) {
        return whole_syllables(&split, 0, from);
    }
    let mut tail = Vec::new();
    // The start up to the slip; its last piece may be cut short.
    let mut resume = from;
    for end in (from + 2..text.len()).rev() {
        if let Some(mut split) = first_split(&text[..end]) {
            split.pop();
            tail = whole_syllables(&split, 0, from);
            resume = end;
            break;
        }
    }
    // The end after the slip, from the first whole syllable on.
    for start in resume..text.len().saturating_sub(1) {
        if let Some(split) = first_split(&text[start..]) {
            if matches!(split.first(), Some(Piece::Full(_))) {
                tail.extend(whole_syllables(&split, start, from));
                break;
            }
        }
    }
    tail
}

/// One part of a query of several: any of its derivations in the fields
/// its [`Role`] may match (a part as typed: the name, an alias or the
/// department), or the part as a qualifier word; an organisation also as a
/// derived short name. With `only_typed`, only the derivations that spell
/// what was typed (no homophones, no fuzzy pinyin), which is the cheap and
/// usual case.
fn part_probe(part: &Part, only_typed: bool) -> Probe {
    use SeqField::{Alias, Department, Name};
    let (seq_fields, word_fields): (&[SeqField], &[WordField]) = match part.role {
        Role::Typed => (
            &[Name, Alias, Department],
            &[WordField::Area, WordField::Category, WordField::Department],
        ),
        Role::Organisation => (&[Name, Alias], &[]),
        // A department is in the department field, or in a name of its own
        // (`天河支行`); never in an alias.
        Role::Department => (&[Department, Name], &[WordField::Department]),
        Role::Place => (&[Name], &[WordField::Area]),
        Role::Wanted => (&[], &[]),
    };
    let mut any: Vec<Probe> = Vec::new();
    for d in &part.derivations {
        if only_typed && d.reading.by_sound() {
            continue;
        }
        // Syllables and initials in turn are no one's way of typing a
        // word (see `plan_part`).
        if d.reading != Reading::Homophone && letter_switches(d) > 1 {
            continue;
        }
        // A place is matched as written (`天河`), never by its sound.
        if part.role == Role::Place && d.reading != Reading::Literal {
            continue;
        }
        if part.role == Role::Organisation {
            // No organisation is named by one char or syllable (`zhong`
            // starts a twentieth of the directory).
            if d.keys.len() >= 2 {
                any.extend(organisation_probe(part, d));
            }
            continue;
        }
        for &field in seq_fields {
            // A department is a word of two chars or more: one key (a
            // char, a syllable or its start: `hong`) starts far too many
            // departments and is in far too many names.
            if part.role == Role::Department && d.keys.len() < 2 {
                continue;
            }
            any.push(in_field(field, d.keys.clone(), d.prefix_last));
        }
    }
    // The part as a whole word of the district, address, category or
    // department (天河, 越秀区, 急诊): a qualifier. Its sub-words would match
    // far too much (中山 is in every address on 中山大道).
    for &field in word_fields {
        any.push(Probe::Word(field, part.text.clone()));
    }
    // An organisation said by a short name not in the data (`中山一院`):
    // short names are short, and each of a longer part's chars would be one
    // more look-up of a common pair of chars.
    if part.role == Role::Organisation && part.text.chars().count() <= MAX_SHORT_NAME_IN_REQUEST {
        any.extend(derived_short_name_probes(part).into_iter().flatten());
    }
    // A department said short (`心内科`): its chars in the department.
    if part.role == Role::Department
        && part.text.chars().count() >= super::explain::MIN_SHORT_DEPARTMENT
        && part.may_be_short_name()
    {
        any.push(Probe::All(
            part.text
                .chars()
                .map(|c| Probe::Key(SeqField::Department, NameKey::Char(c)))
                .collect(),
        ));
    }
    // A part is one side of a conjunction: the other parts pick the
    // documents, this one is only asked about them.
    Probe::AtLeast { need: 1, of: any }
}

/// An organisation in a compound request, by one derivation: named from
/// the start of its name or alias. Its start is one term of the prefix
/// field (names and aliases alike), far rarer than the keys of a phrase
/// from the anchor, so that the organisation, not the place or the
/// department, leads the conjunction of a reading's parts; the keys its
/// start does not spell are checked after it. A derivation no prefix key
/// narrows is a phrase from the anchor of the name or an alias.
fn organisation_probe(part: &Part, d: &Derivation) -> Vec<Probe> {
    match start_keys(part, d) {
        Some(start) => vec![start_and(&start.keys, beyond_start(d, start.spelled))],
        None => [SeqField::Name, SeqField::Alias]
            .into_iter()
            .map(|field| in_field(field, anchored_keys(d), d.prefix_last))
            .collect(),
    }
}

/// The prefix keys a derivation of a typed part must start a name or alias
/// with (any of them), as far as those keys are indexed, and how many of
/// the derivation's leading keys they spell: the literal chars, the full
/// pinyin of its leading whole syllables, the letters of its leading
/// initials, or the classes of its leading fuzzy syllables; for Han chars
/// mixed with letters (`广州dlgc`), the initials they spell, each Han char
/// by the first letter of each of its readings. None when no such key
/// narrows the look-up.
fn start_keys(part: &Part, d: &Derivation) -> Option<Start> {
    let by_initials = || {
        mixed_initials(d).map(|spellings| Start {
            keys: spellings
                .into_iter()
                .map(|letters| PrefixKey::Start(PrefixKind::Initials, letters))
                .collect(),
            spelled: d.keys.len().min(MAX_INITIALS_PREFIX),
        })
    };
    let first = d.keys.first()?;
    // The leading keys of the first one's kind.
    let run: Vec<&NameKey> = d
        .keys
        .iter()
        .take_while(|k| discriminant(*k) == discriminant(first))
        .collect();
    if let NameKey::Char(_) = first {
        if run.len() == d.keys.len() {
            // The chars themselves (a Han name, or letters as written).
            let spelled = run.len().min(MAX_LITERAL_PREFIX);
            let chars: String = run[..spelled]
                .iter()
                .filter_map(|k| match k {
                    NameKey::Char(c) => Some(*c),
                    _ => None,
                })
                .collect();
            return Some(Start {
                keys: vec![PrefixKey::Start(PrefixKind::Literal, chars)],
                spelled,
            });
        }
    }
    let more = run.len() < d.keys.len();
    // Han chars mixed with letters; a reading of Han chars alone by their
    // syllables (a homophone) starts with its full pinyin below.
    if more && !part.text.bytes().all(|b| b.is_ascii_lowercase()) {
        return by_initials();
    }
    let letters: Vec<&str> = run.iter().filter_map(|k| k.letters()).collect();
    let joined = letters.concat();
    // Whole syllables then initials (`guangzhousth`): a short run of
    // syllables starts half the directory's names; the initials of all
    // the keys start far fewer. Likewise initials then syllables
    // (`z hong sh na`).
    // A short run of fuzzy syllables (`guan` of `guangzzhou`: the class
    // of guan and guang) starts most of the names of a city too.
    if more
        && match first {
            NameKey::Initial(_) => true,
            NameKey::Syllable(_) => joined.len() < MIN_PINYIN_START,
            NameKey::Fuzzy(_) => run.len() < MIN_FUZZY_START,
            _ => false,
        }
    {
        return by_initials();
    }
    // The leading keys whose letters fit in `max` letters (a longer key is
    // cut to them).
    let fitting = |max: usize| -> usize {
        let mut total = 0;
        letters
            .iter()
            .take_while(|l| {
                total += l.len();
                total <= max
            })
            .count()
    };
    let (key, spelled) = match first {
        NameKey::Syllable(_) => (
            PrefixKey::Start(
                PrefixKind::Pinyin,
                joined[..joined.len().min(MAX_PINYIN_PREFIX)].to_string(),
            ),
            fitting(MAX_PINYIN_PREFIX),
        ),
        NameKey::Initial(_) => (
            PrefixKey::Start(
                PrefixKind::Initials,
                joined[..joined.len().min(MAX_INITIALS_PREFIX)].to_string(),
            ),
            fitting(MAX_INITIALS_PREFIX),
        ),
        // A fuzzy key is a whole syllable's class, never a prefix.
        NameKey::Fuzzy(_) => {
            let spelled = run.len().min(MAX_FUZZY_SYLLABLES);
            (
                PrefixKey::Start(PrefixKind::Fuzzy, letters[..spelled].concat()),
                spelled,
            )
        }
        _ => return None,
    };
    Some(Start {
        keys: vec![key],
        spelled,
    })
}

/// The prefix keys an anchored derivation starts with, and how many of its
/// leading keys they spell.
struct Start {
    keys: Vec<PrefixKey>,
    spelled: usize,
}

/// Most keys after a derivation's start checked in the look-up: the start
/// picks few names, these pick among them, and ranking checks the rest.
/// Every key of a phrase is a posting list read from the start of the
/// segment (a long one for a common syllable or char), so fewer keys are
/// cheaper.
const MAX_CHECKED_KEYS: usize = 2;

/// The look-up of an anchored derivation beyond what its start spells: a
/// phrase of the next few keys in the name, or None when the start spells
/// it all.
fn beyond_start(d: &Derivation, spelled: usize) -> Option<Probe> {
    let n = d.keys.len();
    if spelled >= n {
        return None;
    }
    let end = (spelled + MAX_CHECKED_KEYS).min(n);
    Some(in_field(
        SeqField::Name,
        d.keys[spelled..end].to_vec(),
        d.prefix_last && end == n,
    ))
}

/// `check` where a name or alias starts with any of `start` (any name or
/// alias that does, without a `check`).
fn start_and(start: &[PrefixKey], check: Option<Probe>) -> Probe {
    let starts = Probe::Any(start.iter().cloned().map(Probe::Prefix).collect());
    match check {
        Some(check) => Probe::All(vec![starts, check]),
        None => starts,
    }
}

/// Fewest fuzzy syllables before initials that are looked up with the
/// other readings (fewer: only when nothing matched).
const MIN_FUZZY_START: usize = 3;

/// Fewest letters of leading whole syllables that start a look-up by
/// themselves when initials follow them (fewer: by the initials of all).
const MIN_PINYIN_START: usize = 12;

/// Most spellings of the initials of a mixed part looked up.
const MAX_INITIALS_SPELLINGS: usize = 4;

/// The initials, one letter a char, that a derivation of Han chars and
/// letters spells (`广 州 d l` → `gzdl`), every reading of a polyphone and
/// every initial a fuzzy class merges (`la` → l, n, r) spelled, at most
/// [`MAX_INITIALS_SPELLINGS`]; None for a derivation of chars alone
/// (nothing narrower than the chars' own keys then).
fn mixed_initials(d: &Derivation) -> Option<Vec<String>> {
    if !d.keys.iter().any(|k| k.letters().is_some()) {
        return None;
    }
    let mut spellings = vec![String::new()];
    for key in d.keys.iter().take(MAX_INITIALS_PREFIX) {
        let options: Vec<char> = match key {
            NameKey::Initial(s) | NameKey::Syllable(s) => vec![s.chars().next()?],
            // A fuzzy class stands for the initials it merges.
            NameKey::Fuzzy(s) => match s.chars().next()? {
                'l' => vec!['l', 'n', 'r'],
                'h' => vec!['h', 'f'],
                first => vec![first],
            },
            NameKey::Char(c) if c.is_ascii_alphanumeric() => vec![*c],
            NameKey::Char(c) => {
                let mut firsts: Vec<char> = crate::text::pinyin::char_readings(*c)
                    .iter()
                    .filter_map(|r| r.chars().next())
                    .collect();
                firsts.dedup();
                if firsts.is_empty() {
                    return None;
                }
                firsts
            }
            _ => return None,
        };
        let mut next = Vec::new();
        for spelling in &spellings {
            for letter in &options {
                if next.len() < MAX_INITIALS_SPELLINGS {
                    next.push(format!("{spelling}{letter}"));
                }
            }
        }
        spellings = next;
    }
    Some(spellings)
}

/// How many times a derivation's typed letters switch between whole
/// syllables (full or fuzzy pinyin) and initials: `guangzhou sth` once,
/// `zs daxue` once, `guang h zou` twice. Han chars are not counted.
fn letter_switches(d: &Derivation) -> usize {
    let initials: Vec<bool> = d
        .keys
        .iter()
        .filter_map(|k| match k {
            NameKey::Initial(_) => Some(true),
            NameKey::Syllable(_) | NameKey::Fuzzy(_) => Some(false),
            _ => None,
        })
        .collect();
    initials.windows(2).filter(|w| w[0] != w[1]).count()
}

/// The keys of a derivation after the anchor: only at the start of a name.
fn anchored_keys(d: &Derivation) -> Vec<NameKey> {
    let mut keys = Vec::with_capacity(d.keys.len() + 1);
    keys.push(NameKey::Anchor);
    keys.extend(d.keys.iter().cloned());
    keys
}

/// Most initials looked for inside a name (from the start of a name, any
/// number are).
const MAX_INNER_INITIALS: usize = 8;

/// Anchored derivations of one stage (sounds or not) sharing their start
/// keys, with what each checks after the start; no checks when the start
/// spells one of them whole (the start alone is the look-up then).
struct StartGroup {
    sounds: bool,
    keys: Vec<PrefixKey>,
    checks: Option<Vec<Probe>>,
}

impl StartGroup {
    fn add(&mut self, check: Option<Probe>) {
        match (&mut self.checks, check) {
            (Some(checks), Some(check)) => checks.push(check),
            (checks, _) => *checks = None,
        }
    }
}

/// `keys` in a row in `field`.
fn in_field(field: SeqField, keys: Vec<NameKey>, prefix_last: bool) -> Probe {
    Probe::Phrase {
        field,
        keys,
        prefix_last,
    }
}

/// A number, by its whole digits, the start of its local number, or its
/// last digits.
fn number_probe(digits: &str) -> Probe {
    let mut any = vec![Probe::Phone(PhoneKey::Whole(digits.to_string()))];
    let local = local_part(digits).unwrap_or(digits);
    if local.len() >= MIN_PHONE_PREFIX {
        any.push(Probe::Phone(PhoneKey::Start(local.to_string())));
    }
    if digits.len() >= MIN_PHONE_PREFIX {
        any.push(Probe::Phone(PhoneKey::Tail(digits.to_string())));
    }
    Probe::Any(any)
}

/// The English-name look-up: every word, the last one as a prefix.
fn english_probe(normalized: &str) -> Option<Probe> {
    if !normalized
        .chars()
        .all(|c| c.is_ascii_lowercase() || c == ' ')
    {
        return None;
    }
    Some(Probe::English(
        normalized.split(' ').map(str::to_string).collect(),
    ))
}

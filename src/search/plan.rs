//! Planning: the understood query → one tantivy query for candidates.
//!
//! Every derivation becomes a phrase look-up on the positional fields, with
//! a constant score by its tier, so that the best candidates reach the
//! ranking stage; the exact order is decided there. A partly typed last
//! syllable is a bounded prefix expansion, never a scan.

use tantivy::query::{
    BooleanQuery, ConstScoreQuery, Occur, PhrasePrefixQuery, PhraseQuery, Query, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::Term;

use super::prefix_phrase::PrefixPhrase;
use super::slip::SlipQuery;
use super::understand::{Derivation, Part, Understood};
use super::union::AnyOf;
use super::{is_short_name_text, Filters, MatchKind};
use crate::index::Fields;
use crate::text::keys::{
    char_key, exact_key, fuzzy_prefix_key, initials_prefix_key, literal_prefix_key, local_part,
    pair_keys, pinyin_prefix_key, syllable_key, word_pair_key, ANCHOR, MAX_FUZZY_SYLLABLES,
    MAX_INITIALS_PREFIX, MAX_LITERAL_PREFIX, MAX_PINYIN_PREFIX, MIN_PHONE_PREFIX, PHONE_PREFIX,
    PHONE_PREFIX_KEY, PHONE_TAIL_PREFIX,
};
use crate::text::pinyin::{split_pinyin, Piece};

/// How many terms a partly typed syllable or number may expand to.
const MAX_EXPANSIONS: u32 = 64;

/// The whole query as one tantivy query (every look-up of [`probes`]
/// together), or None when nothing can match: for tools and tests that want
/// every listing a query matches.
pub fn plan(fields: &Fields, understood: &Understood, filters: &Filters) -> Option<Box<dyn Query>> {
    let mut alternatives: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    let parts: Vec<(Occur, Box<dyn Query>)> = understood
        .parts
        .iter()
        .map(|part| (Occur::Must, part_query(fields, part, false)))
        .collect();
    alternatives.push((Occur::Should, Box::new(BooleanQuery::new(parts))));
    if let Some(digits) = &understood.number {
        alternatives.push((Occur::Should, number_query(fields, digits)));
    }
    if let Some(english) = english_query(fields, &understood.normalized) {
        alternatives.push((Occur::Should, english));
    }
    Some(with_filters(
        fields,
        Box::new(BooleanQuery::new(alternatives)),
        filters,
    ))
}

/// The cheap first stage: the prefix keys a single-part query may be, as
/// single terms, best first: each tier's whole-string key, then its prefix
/// key (literal, full pinyin, initials, fuzzy pinyin). Empty when the query
/// is not of that shape (several parts, a number): then only the full plan
/// can answer.
pub fn prefix_terms(fields: &Fields, understood: &Understood) -> Vec<Term> {
    let [part] = understood.parts.as_slice() else {
        return Vec::new();
    };
    if understood.number.is_some() {
        return Vec::new();
    }
    let mut keys = Vec::new();
    let literal = literal_prefix_key(&part.text);
    keys.push(exact_key(&literal));
    keys.push(literal);
    if part.text.chars().all(|c| c.is_ascii_lowercase()) {
        for key in [
            pinyin_prefix_key(&part.text),
            initials_prefix_key(&part.text),
        ] {
            keys.push(exact_key(&key));
            keys.push(key);
        }
        for d in &part.derivations {
            if d.kind == MatchKind::FuzzyPinyin
                && !d.prefix_last
                && d.keys.iter().all(|k| k.starts_with('f'))
            {
                let joined: String = d.keys.iter().map(|k| &k[1..]).collect();
                let key = fuzzy_prefix_key(&joined);
                if !keys.contains(&key) {
                    keys.push(key);
                }
            }
        }
    }
    keys.iter()
        .map(|k| Term::from_field_text(fields.prefix, k))
        .collect()
}

/// Longest typed pinyin a name's full-pinyin prefix keys hold.
const MAX_TYPO_LETTERS: usize = MAX_PINYIN_PREFIX;

/// One slip in typed pinyin (`zhongshnadaxue`, `zhongshandaxeu`): the
/// full-pinyin prefix keys within one edit (a letter swapped with its
/// neighbour, dropped, doubled or wrong), found by a Levenshtein automaton
/// over the term dictionary, never a scan. Strictest look-up first.
fn typo_queries(fields: &Fields, part: &Part) -> Vec<Box<dyn Query>> {
    let text = &part.text;
    if !crate::text::slip::may_hold_slip(text) {
        return Vec::new();
    }
    let tag = pinyin_prefix_key("").as_bytes()[0];
    if text.len() < MAX_TYPO_LETTERS {
        return vec![Box::new(SlipQuery::whole(fields.prefix, tag, text))];
    }
    // Longer than the longest key: any key that starts within one slip of
    // the typed start (a slip moves letters, so keep one letter of room).
    let typed = &text[..MAX_TYPO_LETTERS - 1];
    let head = || -> Box<dyn Query> { Box::new(SlipQuery::start(fields.prefix, tag, typed)) };
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
    let mut probes: Vec<Box<dyn Query>> = groups
        .into_iter()
        .filter(|&(_, need)| need > 0)
        .map(|(syllables, need)| -> Box<dyn Query> {
            let syllables: Vec<Box<dyn Query>> = syllables
                .iter()
                .map(|s| term(fields.name_seq, &syllable_key(s)))
                .collect();
            let in_name: Box<dyn Query> = if need == syllables.len() {
                Box::new(BooleanQuery::intersection(syllables))
            } else {
                Box::new(AnyOf::at_least(need, syllables))
            };
            Box::new(BooleanQuery::new(vec![
                (Occur::Must, head()),
                (Occur::Must, in_name),
            ]))
        })
        .collect();
    // Last, the start alone: its most popular names, each checked whole.
    probes.push(head());
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

fn with_filters(fields: &Fields, query: Box<dyn Query>, filters: &Filters) -> Box<dyn Query> {
    let mut all: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, query)];
    if let Some(district) = &filters.district {
        all.push((Occur::Must, filter(fields.district, district)));
    }
    if let Some(category) = &filters.category {
        all.push((Occur::Must, filter(fields.category, category)));
    }
    Box::new(BooleanQuery::new(all))
}

fn filter(field: Field, value: &str) -> Box<dyn Query> {
    Box::new(ConstScoreQuery::new(
        Box::new(TermQuery::new(
            Term::from_field_text(field, value),
            IndexRecordOption::Basic,
        )),
        0.0,
    ))
}

/// Score a candidate gets for a match of `kind`: higher tiers score more.
fn tier_score(kind: MatchKind) -> f32 {
    (20 - kind.tier().min(20)) as f32 * 10.0
}

/// One part of a query of several: any of its derivations in the name, an
/// alias or the department, or the part as a qualifier word. With `typed`,
/// only the derivations that spell what was typed (no homophones, no fuzzy
/// pinyin), which is the cheap and usual case.
fn part_query(fields: &Fields, part: &Part, typed: bool) -> Box<dyn Query> {
    let mut should: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for d in &part.derivations {
        if typed && matches!(d.kind, MatchKind::Homophone | MatchKind::FuzzyPinyin) {
            continue;
        }
        let kind = d.kind;
        should.push(scored(
            phrase(fields.name_seq, &d.keys, d.prefix_last),
            tier_score(kind),
        ));
        should.push(scored(
            phrase(fields.alias_seq, &d.keys, d.prefix_last),
            tier_score(kind) - 1.0,
        ));
        should.push(scored(
            phrase(fields.dept_seq, &d.keys, d.prefix_last),
            15.0,
        ));
    }
    // The part as a whole word of the district, address, category or
    // department (天河, 越秀区, 急诊): a qualifier. Its sub-words would match
    // far too much (中山 is in every address on 中山大道).
    for field in [fields.area_words, fields.category_words, fields.dept_words] {
        should.push(scored(term(field, &part.text), 10.0));
    }
    // A part is one side of a conjunction: the other parts pick the
    // documents, this one is only asked about them.
    Box::new(AnyOf::new(should.into_iter().map(|(_, q)| q).collect()))
}

/// The look-ups of a query in five stages, best first within each (see
/// `search`): what was typed, as typed (the anchored prefix terms, the
/// literal and pinyin phrases at the start of a name and in an alias, the
/// literal chars inside a name, the number and the English name, and for a
/// query of several parts all parts together); typed pinyin or initials
/// inside a name; what it may stand for (derived short names, homophones,
/// fuzzy pinyin at the start of a name); fuzzy pinyin inside a name; one
/// slip in typed pinyin. The order follows the ranking's tiers, so that
/// once enough hits are found no later look-up can rank above them.
pub fn probes(
    fields: &Fields,
    understood: &Understood,
    filters: &Filters,
) -> [Vec<Box<dyn Query>>; 5] {
    let mut typed: Vec<Box<dyn Query>> = Vec::new();
    let mut within: Vec<Box<dyn Query>> = Vec::new();
    let mut derived: Vec<Box<dyn Query>> = Vec::new();
    let mut derived_within: Vec<Box<dyn Query>> = Vec::new();
    let mut slips: Vec<Box<dyn Query>> = Vec::new();
    if let Some(digits) = &understood.number {
        typed.push(number_query(fields, digits));
    }
    if let [part] = understood.parts.as_slice() {
        // Every prefix term looked up on its own, so that an anchored
        // derivation its start spells whole is not looked up again.
        let mut probed: Vec<Term> = Vec::new();
        for t in prefix_terms(fields, understood) {
            let fuzzy = t.serialized_value_bytes().first() == Some(&b'z');
            probed.push(t.clone());
            let probe: Box<dyn Query> = Box::new(TermQuery::new(t, IndexRecordOption::Basic));
            if fuzzy {
                derived.push(probe);
            } else {
                typed.push(probe);
            }
        }
        if part.text.chars().count() >= 2 && is_short_name_text(&part.text) {
            // A derived short name: its first char starts a word and the
            // first char of its second piece starts a later word; every
            // char of it is in the name.
            let chars: Vec<char> = part.text.chars().collect();
            let all_chars: Vec<(Occur, Box<dyn Query>)> = chars
                .iter()
                .map(|c| (Occur::Must, term(fields.name_seq, &char_key(*c))))
                .collect();
            for &second in &chars[1..] {
                let mut must = vec![(
                    Occur::Must,
                    term(fields.prefix, &word_pair_key(chars[0], second)),
                )];
                must.extend(all_chars.iter().map(|(o, q)| (*o, q.box_clone())));
                derived.push(Box::new(BooleanQuery::new(must)));
            }
        }
        let mut derivations: Vec<&Derivation> = part.derivations.iter().collect();
        derivations.sort_by_key(|d| d.kind.tier());
        for d in &derivations {
            if d.kind == MatchKind::Homophone && d.keys.iter().all(|k| k.starts_with('p')) {
                let spelled: String = d.keys.iter().map(|k| &k[1..]).collect();
                for key in [
                    exact_key(&pinyin_prefix_key(&spelled)),
                    pinyin_prefix_key(&spelled),
                ] {
                    let t = Term::from_field_text(fields.prefix, &key);
                    probed.push(t.clone());
                    derived.push(Box::new(TermQuery::new(t, IndexRecordOption::Basic)));
                }
            }
        }
        // Anchored derivations that share their indexed start are one
        // look-up: the start picks the few names, the keys after it then
        // check them.
        let mut by_start: Vec<StartGroup> = Vec::new();
        let mut alias_typed: Vec<Box<dyn Query>> = Vec::new();
        let mut alias_derived: Vec<Box<dyn Query>> = Vec::new();
        for d in derivations {
            // Syllables and initials in turn (`guang h z ou`, a split of the
            // slipped `guanghzou`) are no one's way of typing a name: typed
            // pinyin switches from syllables to initials or back at most
            // once (`guangzhou sth`, `zs daxue`).
            if d.kind != MatchKind::Homophone && letter_switches(d) > 1 {
                continue;
            }
            let sounds = matches!(d.kind, MatchKind::Homophone | MatchKind::FuzzyPinyin);
            let stage = if sounds { &mut derived } else { &mut typed };
            // Fuzzy syllables then initials (`guanzou s t h`): a short run
            // of fuzzy classes starts half the names, and nothing narrower
            // is indexed; such a reading waits until nothing else matched.
            let fuzzy_run = d.keys.iter().take_while(|k| k.starts_with('f')).count();
            let weak_fuzzy = d.kind == MatchKind::FuzzyPinyin
                && fuzzy_run < d.keys.len()
                && fuzzy_run < MIN_FUZZY_START;
            match start_terms(fields, part, d) {
                Some(start) => {
                    let beyond = beyond_start(fields.name_seq, d, start.spelled);
                    if weak_fuzzy {
                        derived_within.push(start_and(&start.terms, beyond));
                    } else {
                        match by_start
                            .iter_mut()
                            .find(|g| g.sounds == sounds && g.terms == start.terms)
                        {
                            Some(group) => group.add(beyond),
                            None => by_start.push(StartGroup {
                                sounds,
                                terms: start.terms,
                                checks: beyond.map(|q| vec![q]),
                            }),
                        }
                    }
                }
                None => stage.push(phrase(fields.name_seq, &anchored_keys(d), d.prefix_last)),
            }
            let alias = phrase(fields.alias_seq, &d.keys, d.prefix_last);
            match (sounds, d.kind) {
                // An alias as typed outranks chars inside a name: looked
                // up before them.
                (false, MatchKind::Literal) => typed.push(alias),
                (false, _) => alias_typed.push(alias),
                (true, _) => alias_derived.push(alias),
            }
            // Pinyin, initials or sounds inside a name (`tianhezhihang`)
            // are a look-up of common keys, dear on a big directory: made
            // only when nothing matched from the start of a name or alias.
            let inside = phrase(fields.name_seq, &d.keys, d.prefix_last);
            let initials_only = d.keys.iter().all(|k| k.starts_with('i'));
            match (sounds, d.kind) {
                (false, MatchKind::Literal) => typed.push(inside),
                // Long initials inside a name are no one's way of naming it,
                // and the dearest look-up there is (every key is common).
                (false, _) if initials_only && d.keys.len() > MAX_INNER_INITIALS => {}
                (false, _) => within.push(inside),
                (true, MatchKind::Homophone) => derived.push(inside),
                (true, _) => derived_within.push(inside),
            }
        }
        for group in by_start {
            let stage = if group.sounds {
                &mut derived
            } else {
                &mut typed
            };
            match group.checks {
                // Each check intersected with the start on its own: an
                // intersection is driven by its rarest part, a union is not.
                Some(checks) => stage.push(any_of(
                    checks
                        .into_iter()
                        .map(|check| start_and(&group.terms, Some(check)))
                        .collect(),
                )),
                // The start alone, unless it was looked up already.
                None => {
                    let fresh: Vec<Term> = group
                        .terms
                        .into_iter()
                        .filter(|t| !probed.contains(t))
                        .collect();
                    if !fresh.is_empty() {
                        stage.push(start_and(&fresh, None));
                    }
                }
            }
        }
        // Typed pinyin or sounds in an alias: an anchored one is found by
        // the prefix terms already (aliases have prefix keys too), so these
        // look inside aliases, only when nothing matched before.
        for (stage, aliases) in [
            (&mut within, alias_typed),
            (&mut derived_within, alias_derived),
        ] {
            if !aliases.is_empty() {
                stage.push(any_of(aliases));
            }
        }
        slips.extend(typo_queries(fields, part));
    } else {
        for (stage, only_typed) in [(&mut typed, true), (&mut derived, false)] {
            let parts = understood
                .parts
                .iter()
                .map(|part| (Occur::Must, part_query(fields, part, only_typed)))
                .collect();
            stage.push(Box::new(BooleanQuery::new(parts)));
        }
    }
    if let Some(english) = english_query(fields, &understood.normalized) {
        typed.push(english);
    }
    [typed, within, derived, derived_within, slips].map(|stage| {
        stage
            .into_iter()
            .map(|q| with_filters(fields, q, filters))
            .collect()
    })
}

/// The prefix keys a derivation of a typed part must start a name or alias
/// with (any of them), as far as those keys are indexed, and how many of
/// the derivation's leading keys they spell: the literal chars, the full
/// pinyin of its leading whole syllables, the letters of its leading
/// initials, or the classes of its leading fuzzy syllables; for Han chars
/// mixed with letters (`广州dlgc`), the initials they spell, each Han char
/// by the first letter of each of its readings. None when no such key
/// narrows the look-up.
fn start_terms(fields: &Fields, part: &Part, d: &Derivation) -> Option<Start> {
    let terms = |keys: Vec<String>| -> Vec<Term> {
        keys.iter()
            .map(|k| Term::from_field_text(fields.prefix, k))
            .collect()
    };
    let by_initials = || {
        mixed_initials(d).map(|spellings| Start {
            terms: terms(
                spellings
                    .iter()
                    .map(|letters| initials_prefix_key(letters))
                    .collect(),
            ),
            spelled: d.keys.len().min(MAX_INITIALS_PREFIX),
        })
    };
    let tag = d.keys.first()?.as_bytes().first().copied()?;
    let run: Vec<&str> = d
        .keys
        .iter()
        .take_while(|k| k.as_bytes().first() == Some(&tag))
        .map(|k| &k[1..])
        .collect();
    if tag == b'c' && run.len() == d.keys.len() {
        // The chars themselves (a Han name, or letters as written).
        let spelled = run.len().min(MAX_LITERAL_PREFIX);
        return Some(Start {
            terms: terms(vec![literal_prefix_key(&run[..spelled].concat())]),
            spelled,
        });
    }
    let more = run.len() < d.keys.len();
    // Han chars mixed with letters; a reading of Han chars alone by their
    // syllables (a homophone) starts with its full pinyin below.
    if more && !part.text.bytes().all(|b| b.is_ascii_lowercase()) {
        return by_initials();
    }
    // Whole syllables then initials (`guangzhousth`): a short run of
    // syllables starts half the directory's names; the initials of all
    // the keys start far fewer. Likewise initials then syllables
    // (`z hong sh na`).
    // A short run of fuzzy syllables (`guan` of `guangzzhou`: the class
    // of guan and guang) starts most of the names of a city too.
    if more
        && (tag == b'i'
            || (tag == b'p' && run.concat().len() < MIN_PINYIN_START)
            || (tag == b'f' && run.len() < MIN_FUZZY_START))
    {
        return by_initials();
    }
    // The leading keys whose letters fit in `max` letters (a longer key is
    // cut to them).
    let fitting = |max: usize| -> usize {
        let mut letters = 0;
        run.iter()
            .take_while(|k| {
                letters += k.len();
                letters <= max
            })
            .count()
    };
    let (key, spelled) = match tag {
        b'p' => {
            let letters = run.concat();
            (
                pinyin_prefix_key(&letters[..letters.len().min(MAX_PINYIN_PREFIX)]),
                fitting(MAX_PINYIN_PREFIX),
            )
        }
        b'i' => {
            let letters = run.concat();
            (
                initials_prefix_key(&letters[..letters.len().min(MAX_INITIALS_PREFIX)]),
                fitting(MAX_INITIALS_PREFIX),
            )
        }
        // A fuzzy key is a whole syllable's class, never a prefix.
        b'f' => {
            let spelled = run.len().min(MAX_FUZZY_SYLLABLES);
            (fuzzy_prefix_key(&run[..spelled].concat()), spelled)
        }
        _ => return None,
    };
    Some(Start {
        terms: terms(vec![key]),
        spelled,
    })
}

/// The prefix keys an anchored derivation starts with, and how many of its
/// leading keys they spell.
struct Start {
    terms: Vec<Term>,
    spelled: usize,
}

/// Most keys after a derivation's start checked in the look-up: the start
/// picks few names, these pick among them, and ranking checks the rest.
/// Every key of a phrase is a posting list read from the start of the
/// segment (a long one for a common syllable or char), so fewer keys are
/// cheaper.
const MAX_CHECKED_KEYS: usize = 2;

/// The look-up of an anchored derivation beyond what its start spells: a
/// phrase of the next few keys, or None when the start spells it all.
fn beyond_start(field: Field, d: &Derivation, spelled: usize) -> Option<Box<dyn Query>> {
    let n = d.keys.len();
    if spelled >= n {
        return None;
    }
    let end = (spelled + MAX_CHECKED_KEYS).min(n);
    Some(phrase(
        field,
        &d.keys[spelled..end],
        d.prefix_last && end == n,
    ))
}

/// `query` where a name or alias starts with any of `start` (any name or
/// alias that does, without a `query`).
fn start_and(start: &[Term], query: Option<Box<dyn Query>>) -> Box<dyn Query> {
    let starts = any_of(
        start
            .iter()
            .map(|t| {
                Box::new(TermQuery::new(t.clone(), IndexRecordOption::Basic)) as Box<dyn Query>
            })
            .collect(),
    );
    match query {
        Some(query) => Box::new(BooleanQuery::new(vec![
            (Occur::Must, starts),
            (Occur::Must, query),
        ])),
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
/// letters spells (`c广 c州 id il` → `gzdl`), every reading of a
/// polyphone and every initial a fuzzy class merges (`fla` → l, n, r)
/// spelled, at most [`MAX_INITIALS_SPELLINGS`]; None for a derivation of
/// chars alone (nothing narrower than the chars' own keys then).
fn mixed_initials(d: &Derivation) -> Option<Vec<String>> {
    if !d
        .keys
        .iter()
        .any(|k| k.starts_with('i') || k.starts_with('p') || k.starts_with('f'))
    {
        return None;
    }
    let mut spellings = vec![String::new()];
    for key in d.keys.iter().take(MAX_INITIALS_PREFIX) {
        let mut chars = key.chars();
        let options: Vec<char> = match (chars.next(), chars.next()) {
            (Some('i' | 'p'), Some(first)) => vec![first],
            // A fuzzy class stands for the initials it merges.
            (Some('f'), Some('l')) => vec!['l', 'n', 'r'],
            (Some('f'), Some('h')) => vec!['h', 'f'],
            (Some('f'), Some(first)) => vec![first],
            (Some('c'), Some(c)) if c.is_ascii_alphanumeric() => vec![c],
            (Some('c'), Some(c)) => {
                let mut firsts: Vec<char> = crate::text::pinyin::char_readings(c)
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
        .filter_map(|k| match k.as_bytes().first() {
            Some(b'i') => Some(true),
            Some(b'p' | b'f') => Some(false),
            _ => None,
        })
        .collect();
    initials.windows(2).filter(|w| w[0] != w[1]).count()
}

fn anchored_keys(d: &Derivation) -> Vec<String> {
    let mut keys = Vec::with_capacity(d.keys.len() + 1);
    keys.push(ANCHOR.to_string());
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
    terms: Vec<Term>,
    checks: Option<Vec<Box<dyn Query>>>,
}

impl StartGroup {
    fn add(&mut self, check: Option<Box<dyn Query>>) {
        match (&mut self.checks, check) {
            (Some(checks), Some(check)) => checks.push(check),
            (checks, _) => *checks = None,
        }
    }
}

/// One look-up matching any of `queries`.
fn any_of(mut queries: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    if queries.len() == 1 {
        return queries.remove(0);
    }
    Box::new(BooleanQuery::new(
        queries.into_iter().map(|q| (Occur::Should, q)).collect(),
    ))
}

fn scored(query: Box<dyn Query>, score: f32) -> (Occur, Box<dyn Query>) {
    (Occur::Should, Box::new(ConstScoreQuery::new(query, score)))
}

fn term(field: Field, text: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::Basic,
    ))
}

/// A phrase of name keys on a positional field (name, alias, department);
/// the last one a prefix when `prefix_last`. A phrase of chars or of whole
/// syllables is looked up by the pair keys of its neighbours, which match
/// where it does and are far rarer than its keys (`guang zhou shi ji
/// chang*`: every name of the city has the syllables, few `ji-chang`).
fn phrase(field: Field, keys: &[String], prefix_last: bool) -> Box<dyn Query> {
    let pairs = pair_keys(keys);
    plain_phrase(field, pairs.as_deref().unwrap_or(keys), prefix_last)
}

/// A phrase of `keys` as they are; the last one a prefix when
/// `prefix_last`.
fn plain_phrase(field: Field, keys: &[String], prefix_last: bool) -> Box<dyn Query> {
    let terms: Vec<Term> = keys
        .iter()
        .map(|k| Term::from_field_text(field, k))
        .collect();
    match (terms.len(), prefix_last) {
        (1, false) => Box::new(TermQuery::new(terms[0].clone(), IndexRecordOption::Basic)),
        (_, false) => Box::new(PhraseQuery::new(terms)),
        (1, true) => {
            let mut q = PhrasePrefixQuery::new(terms);
            q.set_max_expansions(MAX_EXPANSIONS);
            Box::new(q)
        }
        (_, true) => {
            let mut terms = terms;
            let prefix = terms.pop().expect("more than one key");
            Box::new(PrefixPhrase::new(terms, prefix, MAX_EXPANSIONS))
        }
    }
}

fn number_query(fields: &Fields, digits: &str) -> Box<dyn Query> {
    let mut should = vec![scored(
        term(fields.phone, &format!("{PHONE_PREFIX}{digits}")),
        tier_score(MatchKind::Number) + 5.0,
    )];
    let local = local_part(digits).unwrap_or(digits);
    if local.len() >= MIN_PHONE_PREFIX {
        should.push(scored(
            term(fields.phone, &format!("{PHONE_PREFIX_KEY}{local}")),
            tier_score(MatchKind::Number),
        ));
    }
    if digits.len() >= MIN_PHONE_PREFIX {
        should.push(scored(
            term(fields.phone, &format!("{PHONE_TAIL_PREFIX}{digits}")),
            tier_score(MatchKind::Number) - 5.0,
        ));
    }
    Box::new(BooleanQuery::new(should))
}

/// The English-name look-up: every word, the last one as a prefix.
fn english_query(fields: &Fields, normalized: &str) -> Option<Box<dyn Query>> {
    if !normalized
        .chars()
        .all(|c| c.is_ascii_lowercase() || c == ' ')
    {
        return None;
    }
    let words: Vec<String> = normalized.split(' ').map(str::to_string).collect();
    Some(
        scored(
            plain_phrase(fields.name_en, &words, true),
            tier_score(MatchKind::English),
        )
        .1,
    )
}

//! tantivy tokenizers wrapping the `text` module. Each one turns a field
//! value into exactly the keys that `text::keys` defines, so the query side
//! can look the same keys up without running an analyzer.

use tantivy::tokenizer::{
    LowerCaser, SimpleTokenizer, TextAnalyzer, Token, TokenStream, Tokenizer,
};
use tantivy::Index;

use crate::text::{keys, normalize, segment, vocab};

/// Tokenizer name of the positional name keys. Its version changes with the
/// keys it writes, so that an index written with other keys is refused
/// (the schema names it) rather than searched for keys it lacks.
pub const KEYS: &str = "chahao_keys_2";
/// Tokenizer name of segmented words.
pub const WORDS: &str = "chahao_words_2";
/// Tokenizer name of anchored prefix keys.
pub const PREFIX: &str = "chahao_prefix_2";
/// Tokenizer name of phone keys. The field value is `digits local` pairs,
/// one number a line.
pub const PHONE: &str = "chahao_phone";

/// Registers every tokenizer the schema names on `index`. Tokenizers are not
/// stored in the index, so this runs on every open.
pub fn register(index: &Index) {
    let manager = index.tokenizers();
    manager.register(KEYS, Precomputed(seq_tokens));
    manager.register(WORDS, Precomputed(word_tokens));
    manager.register(PHONE, Precomputed(phone_tokens));
    manager.register(PREFIX, Precomputed(prefix_tokens));
    manager.register(
        "en_stem_free",
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .build(),
    );
}

fn token(position: usize, text: String) -> Token {
    Token {
        offset_from: 0,
        offset_to: 0,
        position,
        text,
        position_length: 1,
    }
}

fn seq_tokens(value: &str) -> Vec<Token> {
    keys::name_keys(&normalize(value))
        .into_iter()
        .map(|(position, key)| token(position, key))
        .collect()
}

fn prefix_tokens(value: &str) -> Vec<Token> {
    let normalized = normalize(value);
    keys::prefix_keys(&normalized)
        .into_iter()
        .chain(keys::word_pair_keys(&normalized))
        .map(|key| token(0, key))
        .collect()
}

/// Longest part of a word field also indexed whole: a department or a
/// division, not an address.
const MAX_WHOLE_WORD: usize = 10;

/// The words of each space-separated part of a value, the part itself
/// whole (`客运值班室`, a department as written), and a division without
/// its suffix (`增城区` → `增城`): what a caller says of a department or a
/// place.
fn word_tokens(value: &str) -> Vec<Token> {
    let normalized = normalize(value);
    let mut out = Vec::new();
    for (position, part) in normalized.split(' ').enumerate() {
        let mut words: Vec<&str> = segment::search_words(part)
            .into_iter()
            .map(|w| w.text)
            .collect();
        if part.chars().count() <= MAX_WHOLE_WORD {
            words.push(part);
            words.extend(vocab::division_stem(part));
        }
        words.sort_unstable();
        words.dedup();
        for word in words {
            out.push(token(position, word.to_string()));
        }
    }
    out
}

fn phone_tokens(value: &str) -> Vec<Token> {
    value
        .lines()
        .filter_map(|line| line.split_once(' '))
        .flat_map(|(digits, local)| keys::phone_keys(digits, local))
        .map(|key| token(0, key))
        .collect()
}

/// A tokenizer that computes all tokens of a value up front with a plain
/// function from the `text` module.
#[derive(Clone, Copy)]
struct Precomputed(fn(&str) -> Vec<Token>);

struct VecTokenStream {
    tokens: Vec<Token>,
    next: usize,
}

impl Tokenizer for Precomputed {
    type TokenStream<'a> = VecTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream {
        VecTokenStream {
            tokens: (self.0)(text),
            next: 0,
        }
    }
}

impl TokenStream for VecTokenStream {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }

    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

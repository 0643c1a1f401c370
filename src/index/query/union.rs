//! A union of look-ups that reads only what an intersection asks it for.
//!
//! tantivy's own union (a `Should` clause) fills a window of thousands of
//! documents from every one of its look-ups before it answers a seek, so a
//! phrase in it checks the positions of every document in the window. Where
//! the union is one part of a conjunction (`天河 中医院`: the district part
//! and the name part), the rarer part picks a few documents and the union
//! only has to say whether it holds each of them: [`AnyOf`] forwards that
//! question to each look-up (`seek_danger`), so a phrase checks positions
//! at those documents only.

use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SeekDangerResult, SegmentReader, Term, TERMINATED};

/// Matches what any of its queries matches (or at least a number of
/// them), lazily (see the module).
#[derive(Debug)]
pub struct AnyOf {
    queries: Vec<Box<dyn Query>>,
    need: usize,
}

impl Clone for AnyOf {
    fn clone(&self) -> AnyOf {
        AnyOf {
            queries: self.queries.iter().map(|q| q.box_clone()).collect(),
            need: self.need,
        }
    }
}

impl AnyOf {
    /// The union of `queries`.
    pub fn new(queries: Vec<Box<dyn Query>>) -> AnyOf {
        AnyOf::at_least(1, queries)
    }

    /// What at least `need` of `queries` match (tantivy's own version of
    /// this reads every document of every query to answer one seek).
    pub fn at_least(need: usize, queries: Vec<Box<dyn Query>>) -> AnyOf {
        AnyOf {
            queries,
            need: need.max(1),
        }
    }
}

impl Query for AnyOf {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let weights = self
            .queries
            .iter()
            .map(|q| q.weight(enable_scoring))
            .collect::<tantivy::Result<Vec<_>>>()?;
        Ok(Box::new(AnyOfWeight {
            weights,
            need: self.need,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for query in &self.queries {
            query.query_terms(visitor);
        }
    }
}

struct AnyOfWeight {
    weights: Vec<Box<dyn Weight>>,
    need: usize,
}

impl AnyOfWeight {
    /// The union, each member placed at `target` or past it (see
    /// [`Weight::scorer_danger`]).
    fn union_at(
        &self,
        reader: &SegmentReader,
        target: DocId,
        boost: Score,
    ) -> tantivy::Result<(SeekDangerResult, AnyOfScorer)> {
        let members = self
            .weights
            .iter()
            .map(|weight| Member::at(weight.as_ref(), reader, target, boost))
            .collect::<tantivy::Result<Vec<Member>>>()?;
        let next = members.iter().map(Member::next_doc).collect();
        let mut union = AnyOfScorer {
            members,
            need: self.need,
            doc: target,
        };
        let result = union.verdict(target, next);
        Ok((result, union))
    }
}

impl Weight for AnyOfWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let (result, mut union) = self.union_at(reader, 0, boost)?;
        if result != SeekDangerResult::Found {
            union.settle(0);
        }
        Ok(Box::new(union))
    }

    fn scorer_danger(
        &self,
        reader: &SegmentReader,
        target: DocId,
        boost: Score,
    ) -> tantivy::Result<(SeekDangerResult, Box<dyn Scorer>)> {
        let (result, union) = self.union_at(reader, target, boost)?;
        Ok((result, Box::new(union)))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        explain_by_seeking(self, reader, doc, "AnyOf")
    }
}

/// The explanation of a lazy look-up: its score at `doc`, found by
/// seeking its scorer there; an error when it does not match `doc`.
pub(super) fn explain_by_seeking(
    weight: &dyn Weight,
    reader: &SegmentReader,
    doc: DocId,
    name: &'static str,
) -> tantivy::Result<Explanation> {
    let mut scorer = weight.scorer(reader, 1.0)?;
    if scorer.seek(doc) != doc {
        return Err(tantivy::TantivyError::InvalidArgument(format!(
            "document {doc} does not match"
        )));
    }
    Ok(Explanation::new(name, scorer.score()))
}

/// Where a member stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum State {
    /// On a document of its own (`doc()` is right).
    Valid,
    /// Told by `seek_danger` that its next document is at least this one;
    /// only `seek_danger` may be called on it until it finds one.
    Behind(DocId),
}

/// One look-up of a lazy union or intersection, and where it stands.
pub(super) struct Member {
    pub(super) scorer: Box<dyn Scorer>,
    pub(super) state: State,
}

impl Member {
    /// A member made by `weight`, asked first whether it holds `target`
    /// (`Weight::scorer_danger`: a look-up that checks positions then reads
    /// only around `target`, not from the segment's start).
    pub(super) fn at(
        weight: &dyn Weight,
        reader: &SegmentReader,
        target: DocId,
        boost: Score,
    ) -> tantivy::Result<Member> {
        let (result, scorer) = weight.scorer_danger(reader, target, boost)?;
        let state = match result {
            SeekDangerResult::Found => State::Valid,
            SeekDangerResult::SeekLowerBound(bound) => State::Behind(bound),
        };
        Ok(Member { scorer, state })
    }

    /// Its document, or the bound it is behind.
    pub(super) fn next_doc(&self) -> DocId {
        match self.state {
            State::Valid => self.scorer.doc(),
            State::Behind(bound) => bound,
        }
    }

    /// Its next document from `target` on, back in a valid state.
    pub(super) fn seek_valid(&mut self, target: DocId) -> DocId {
        match self.state {
            State::Valid => {
                if self.scorer.doc() < target {
                    self.scorer.seek(target)
                } else {
                    self.scorer.doc()
                }
            }
            State::Behind(bound) => {
                // Ask again from the bound (or the target) until a document
                // is found: every ask is past the one before.
                let mut at = bound.max(target);
                loop {
                    if at >= TERMINATED {
                        // It is past its end; nothing more will be asked.
                        return TERMINATED;
                    }
                    match self.scorer.seek_danger(at) {
                        SeekDangerResult::Found => {
                            self.state = State::Valid;
                            return at;
                        }
                        SeekDangerResult::SeekLowerBound(next) => {
                            self.state = State::Behind(next);
                            at = next;
                        }
                    }
                }
            }
        }
    }

    /// Whether it holds `target`, moving as little as it may.
    pub(super) fn holds(&mut self, target: DocId) -> Result<(), DocId> {
        let bound = match self.state {
            State::Valid if self.scorer.doc() == target => return Ok(()),
            State::Valid if self.scorer.doc() > target => return Err(self.scorer.doc()),
            State::Behind(bound) if bound > target => return Err(bound),
            _ => self.scorer.seek_danger(target),
        };
        match bound {
            SeekDangerResult::Found => {
                self.state = State::Valid;
                Ok(())
            }
            SeekDangerResult::SeekLowerBound(next) => {
                self.state = State::Behind(next);
                Err(next)
            }
        }
    }
}

struct AnyOfScorer {
    members: Vec<Member>,
    need: usize,
    doc: DocId,
}

impl AnyOfScorer {
    /// Brings every member to its next document from `target` on and
    /// stands on the first document `need` of them hold.
    fn settle(&mut self, target: DocId) -> DocId {
        let mut at = target;
        loop {
            let mut docs: Vec<DocId> = self.members.iter_mut().map(|m| m.seek_valid(at)).collect();
            docs.sort_unstable();
            let Some(&candidate) = docs.get(self.need - 1) else {
                self.doc = TERMINATED;
                return TERMINATED;
            };
            if candidate >= TERMINATED || docs[0] == candidate {
                // The first `need` all stand on the candidate.
                self.doc = candidate;
                return candidate;
            }
            // Some stand before it: they move up to it, and it is checked
            // again.
            at = candidate;
        }
    }

    /// Found when `need` members hold `target` (`next[i]` is `target` for
    /// those that do, else a bound on member i's next document); else a
    /// bound on the next document `need` of them hold.
    fn verdict(&mut self, target: DocId, mut next: Vec<DocId>) -> SeekDangerResult {
        let holding = next.iter().filter(|&&d| d == target).count();
        if holding >= self.need {
            self.doc = target;
            return SeekDangerResult::Found;
        }
        for d in &mut next {
            if *d == target {
                // It holds the target; its next document is after it.
                *d = target + 1;
            }
        }
        next.sort_unstable();
        let lower = next.get(self.need - 1).copied().unwrap_or(TERMINATED);
        self.doc = lower;
        SeekDangerResult::SeekLowerBound(lower)
    }
}

impl DocSet for AnyOfScorer {
    fn advance(&mut self) -> DocId {
        if self.doc >= TERMINATED {
            return TERMINATED;
        }
        let current = self.doc;
        for member in &mut self.members {
            if member.state == State::Valid && member.scorer.doc() == current {
                member.scorer.advance();
            }
        }
        self.settle(current + 1)
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target && self.members.iter().all(|m| m.state == State::Valid) {
            return self.doc;
        }
        self.settle(target)
    }

    fn seek_danger(&mut self, target: DocId) -> SeekDangerResult {
        if target >= TERMINATED {
            return SeekDangerResult::SeekLowerBound(TERMINATED);
        }
        let next = self
            .members
            .iter_mut()
            .map(|member| match member.holds(target) {
                Ok(()) => target,
                Err(next) => next,
            })
            .collect();
        self.verdict(target, next)
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.members
            .iter()
            .map(|m| m.scorer.size_hint())
            .fold(0u32, u32::saturating_add)
    }

    fn cost(&self) -> u64 {
        self.members.iter().map(|m| m.scorer.cost()).sum()
    }
}

impl Scorer for AnyOfScorer {
    fn score(&mut self) -> Score {
        let doc = self.doc;
        self.members
            .iter_mut()
            .filter(|m| m.state == State::Valid && m.scorer.doc() == doc)
            .map(|m| m.scorer.score())
            .fold(0.0, Score::max)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::query::{BooleanQuery, Occur};

    use crate::index::query::testing::{and, random_documents, random_members, Corpus};

    /// Every combination of a union inside and outside a conjunction gives
    /// the same documents as tantivy's own union.
    #[test]
    fn matches_what_a_should_union_matches() {
        // Words a, b, c (d is in no document) in eight orders, 3,000
        // documents in three segments, every third tagged x.
        let orders: [&[usize]; 8] = [
            &[0, 1],
            &[1, 0],
            &[0, 2, 1],
            &[2],
            &[0, 1, 2],
            &[1],
            &[0],
            &[2, 0, 1],
        ];
        let texts: Vec<Vec<usize>> = (0..3000usize)
            .map(|i| orders[(i * 7 + i / 5) % orders.len()].to_vec())
            .collect();
        let corpus = Corpus::new(&texts, &[999, 1999], 3);
        // `a b`, `c a`, and a word in no document.
        let members = || corpus.members(&[(0, Some(1)), (2, Some(0)), (3, None)]);
        let should = || -> Box<dyn Query> {
            Box::new(BooleanQuery::new(
                members().into_iter().map(|q| (Occur::Should, q)).collect(),
            ))
        };
        let lazy = || -> Box<dyn Query> { Box::new(AnyOf::new(members())) };
        let x = || corpus.tagged();
        let docs = |q: &dyn Query| corpus.docs(q);
        assert_eq!(docs(&*lazy()), docs(&*should()));
        assert!(!docs(&*lazy()).is_empty());
        assert_eq!(docs(&*and(lazy(), x())), docs(&*and(should(), x())));
        assert_eq!(docs(&*and(x(), lazy())), docs(&*and(x(), should())));
        let two = and(lazy(), lazy());
        assert_eq!(docs(&*two), docs(&*should()));
        // At least some of the words a, b, c, d, alone and in a conjunction.
        let words = || corpus.members(&[(0, None), (1, None), (2, None), (3, None)]);
        for need in 1..=3 {
            let tantivy = || -> Box<dyn Query> {
                Box::new(BooleanQuery::with_minimum_required_clauses(
                    words().into_iter().map(|q| (Occur::Should, q)).collect(),
                    need,
                ))
            };
            let ours = || -> Box<dyn Query> { Box::new(AnyOf::at_least(need, words())) };
            assert_eq!(docs(&*ours()), docs(&*tantivy()), "at least {need}");
            assert_eq!(
                docs(&*and(x(), ours())),
                docs(&*and(x(), tantivy())),
                "x and at least {need}"
            );
            assert_eq!(
                docs(&*and(ours(), lazy())),
                docs(&*and(tantivy(), should())),
                "at least {need} and a union"
            );
        }
        assert!(docs(&AnyOf::at_least(4, words())).is_empty());
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

        /// Random documents, members (words and two-word phrases) and
        /// needs: the same documents as tantivy's own union, alone and on
        /// either side of a conjunction.
        #[test]
        fn agrees_with_tantivy_on_random_documents(
            (texts, cuts) in random_documents(),
            members in random_members(5),
            need in 1usize..5,
            every in 2u32..5,
        ) {
            let corpus = Corpus::new(&texts, &cuts, every);
            let need = need.min(members.len());
            let tantivy = || -> Box<dyn Query> {
                Box::new(BooleanQuery::with_minimum_required_clauses(
                    corpus.members(&members).into_iter().map(|q| (Occur::Should, q)).collect(),
                    need,
                ))
            };
            let ours = || -> Box<dyn Query> {
                Box::new(AnyOf::at_least(need, corpus.members(&members)))
            };
            let x = || corpus.tagged();
            let docs = |q: &dyn Query| corpus.docs(q);
            proptest::prop_assert_eq!(docs(&*ours()), docs(&*tantivy()));
            proptest::prop_assert_eq!(docs(&*and(x(), ours())), docs(&*and(x(), tantivy())));
            proptest::prop_assert_eq!(docs(&*and(ours(), x())), docs(&*and(tantivy(), x())));
        }
    }
}

//! An intersection that reads only what it must.
//!
//! tantivy's own conjunction (`Must` clauses) makes each of its look-ups a
//! scorer standing on its first match in the segment before it starts: a
//! phrase of common keys that is rare as a phrase (`ji z hen` in names)
//! reads positions across much of the segment just to be made, even when
//! the other side of the conjunction picks a few documents only. [`AllOf`]
//! makes each look-up at the document the intersection is at
//! (`scorer_danger`), lets the cheapest one lead, and only asks the others
//! whether they hold the leader's documents — and, as a part of a larger
//! conjunction or of a lazy union, it is itself only asked about documents.

use tantivy::query::{EmptyScorer, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SeekDangerResult, SegmentReader, Term, TERMINATED};

use super::prefix_phrase::Asked;
use super::union::{explain_by_seeking, Member, State};

/// Matches what every one of its queries matches, lazily (see the module).
#[derive(Debug)]
pub struct AllOf {
    queries: Vec<Box<dyn Query>>,
}

impl Clone for AllOf {
    fn clone(&self) -> AllOf {
        AllOf {
            queries: self.queries.iter().map(|q| q.box_clone()).collect(),
        }
    }
}

impl AllOf {
    /// The intersection of `queries`.
    pub fn new(queries: Vec<Box<dyn Query>>) -> AllOf {
        AllOf { queries }
    }
}

impl Query for AllOf {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let weights = self
            .queries
            .iter()
            .map(|q| q.weight(enable_scoring))
            .collect::<tantivy::Result<Vec<_>>>()?;
        Ok(Box::new(AllOfWeight { weights }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for query in &self.queries {
            query.query_terms(visitor);
        }
    }
}

struct AllOfWeight {
    weights: Vec<Box<dyn Weight>>,
}

impl AllOfWeight {
    /// Every member made at `target`, with the index of its weight, the
    /// cheapest to drive first.
    fn members_at(
        &self,
        reader: &SegmentReader,
        target: DocId,
        boost: Score,
    ) -> tantivy::Result<Vec<(usize, Member)>> {
        let mut members = self
            .weights
            .iter()
            .enumerate()
            .map(|(i, weight)| Ok((i, Member::at(weight.as_ref(), reader, target, boost)?)))
            .collect::<tantivy::Result<Vec<(usize, Member)>>>()?;
        members.sort_by_key(|(_, m)| m.scorer.cost());
        Ok(members)
    }
}

impl Weight for AllOfWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        if self.weights.is_empty() {
            return Ok(Box::new(EmptyScorer));
        }
        let mut members = self.members_at(reader, 0, boost)?;
        // The leader walks: a look-up made to be asked that walks slowly is
        // made again the usual way.
        let (leader, first) = &mut members[0];
        if first.state != State::Valid && first.scorer.is::<Asked>() {
            *first = Member {
                scorer: self.weights[*leader].scorer(reader, boost)?,
                state: State::Valid,
            };
        }
        let mut all = AllOfScorer {
            members: members.into_iter().map(|(_, m)| m).collect(),
            doc: 0,
        };
        all.settle(0);
        Ok(Box::new(all))
    }

    fn scorer_danger(
        &self,
        reader: &SegmentReader,
        target: DocId,
        boost: Score,
    ) -> tantivy::Result<(SeekDangerResult, Box<dyn Scorer>)> {
        if self.weights.is_empty() {
            return Ok((
                SeekDangerResult::SeekLowerBound(TERMINATED),
                Box::new(EmptyScorer),
            ));
        }
        let members: Vec<Member> = self
            .members_at(reader, target, boost)?
            .into_iter()
            .map(|(_, m)| m)
            .collect();
        // Every member holds the target, or the furthest bound is where
        // the next document of all of them may be.
        let bound = members.iter().map(Member::next_doc).max().unwrap_or(target);
        let result = if bound == target {
            SeekDangerResult::Found
        } else {
            SeekDangerResult::SeekLowerBound(bound)
        };
        Ok((
            result,
            Box::new(AllOfScorer {
                members,
                doc: bound,
            }),
        ))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        explain_by_seeking(self, reader, doc, "AllOf")
    }
}

struct AllOfScorer {
    /// The leader first: it walks, the others are asked.
    members: Vec<Member>,
    doc: DocId,
}

impl AllOfScorer {
    /// Stands on the first document from `target` on that every member
    /// holds.
    fn settle(&mut self, target: DocId) -> DocId {
        let mut candidate = target;
        'next: loop {
            candidate = self.members[0].seek_valid(candidate);
            if candidate >= TERMINATED {
                self.doc = TERMINATED;
                return TERMINATED;
            }
            for member in &mut self.members[1..] {
                if let Err(next) = member.holds(candidate) {
                    candidate = next;
                    continue 'next;
                }
            }
            self.doc = candidate;
            return candidate;
        }
    }
}

impl DocSet for AllOfScorer {
    fn advance(&mut self) -> DocId {
        if self.doc >= TERMINATED {
            return TERMINATED;
        }
        self.settle(self.doc + 1)
    }

    fn seek(&mut self, target: DocId) -> DocId {
        let settled = self.members.iter().all(|m| m.state == State::Valid);
        if settled && self.doc >= target {
            return self.doc;
        }
        self.settle(target)
    }

    fn seek_danger(&mut self, target: DocId) -> SeekDangerResult {
        if target >= TERMINATED {
            return SeekDangerResult::SeekLowerBound(TERMINATED);
        }
        for member in &mut self.members {
            if let Err(next) = member.holds(target) {
                self.doc = next;
                return SeekDangerResult::SeekLowerBound(next);
            }
        }
        self.doc = target;
        SeekDangerResult::Found
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.members
            .iter()
            .map(|m| m.scorer.size_hint())
            .min()
            .unwrap_or(0)
    }

    fn cost(&self) -> u64 {
        self.members.first().map_or(0, |m| m.scorer.cost())
    }
}

impl Scorer for AllOfScorer {
    fn score(&mut self) -> Score {
        self.members.iter_mut().map(|m| m.scorer.score()).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::query::{BooleanQuery, Occur};

    use crate::index::query::testing::{and, random_documents, random_members, Corpus};
    use crate::index::query::union::AnyOf;

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

        /// Random documents and members (words and two-word phrases): the
        /// same documents as tantivy's own conjunction, alone, inside a lazy
        /// union, and as a part of tantivy's conjunction.
        #[test]
        fn agrees_with_tantivy_on_random_documents(
            (texts, cuts) in random_documents(),
            members in random_members(4),
            every in 2u32..5,
        ) {
            let corpus = Corpus::new(&texts, &cuts, every);
            let tantivy = || -> Box<dyn Query> {
                Box::new(BooleanQuery::new(
                    corpus.members(&members).into_iter().map(|q| (Occur::Must, q)).collect(),
                ))
            };
            let ours = || -> Box<dyn Query> { Box::new(AllOf::new(corpus.members(&members))) };
            let x = || corpus.tagged();
            let docs = |q: &dyn Query| corpus.docs(q);
            proptest::prop_assert_eq!(docs(&*ours()), docs(&*tantivy()));
            proptest::prop_assert_eq!(docs(&*and(x(), ours())), docs(&*and(x(), tantivy())));
            proptest::prop_assert_eq!(docs(&*and(ours(), x())), docs(&*and(tantivy(), x())));
            // Inside a lazy union, beside a member that picks the documents.
            let in_union = |q: Box<dyn Query>| -> Box<dyn Query> {
                Box::new(AllOf::new(vec![x(), Box::new(AnyOf::new(vec![q]))]))
            };
            proptest::prop_assert_eq!(docs(&*in_union(ours())), docs(&*and(x(), tantivy())));
            let nested = Box::new(AllOf::new(vec![ours(), x()]));
            proptest::prop_assert_eq!(docs(&*nested), docs(&*and(tantivy(), x())));
        }
    }
}

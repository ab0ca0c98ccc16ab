-- Region staff may review job postings before they go public (issue 12): the
-- region's setting, and each posting's place in that review. Existing postings
-- were public under no review, so they stand approved.
ALTER TABLE regions ADD COLUMN review_postings BIGINT NOT NULL DEFAULT 0;
ALTER TABLE job_postings ADD COLUMN review TEXT NOT NULL DEFAULT 'approved'
    CHECK (review IN ('in_review', 'approved', 'returned'));
ALTER TABLE job_postings ADD COLUMN review_note TEXT NOT NULL DEFAULT '';
CREATE INDEX job_postings_review ON job_postings(review);

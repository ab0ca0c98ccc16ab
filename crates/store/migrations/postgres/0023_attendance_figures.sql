-- The computed row of a year also carries the raw parts of two attendance
-- figures an employer may publish (issue 12's verified thresholds on jobs):
-- 一月当たりの労働者の平均残業時間 (overtime_minutes over overtime_workers) and
-- 年次有給休暇の取得率 (paid_taken_half_days / 2 over paid_granted_days, among
-- paid_workers with a grant). NULL on typed rows and on imports without them.
ALTER TABLE childcare_figures ADD COLUMN overtime_minutes BIGINT;
ALTER TABLE childcare_figures ADD COLUMN overtime_workers BIGINT;
ALTER TABLE childcare_figures ADD COLUMN paid_taken_half_days BIGINT;
ALTER TABLE childcare_figures ADD COLUMN paid_granted_days BIGINT;
ALTER TABLE childcare_figures ADD COLUMN paid_workers BIGINT;

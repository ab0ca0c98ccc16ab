#!/usr/bin/env python3
"""DuckDB side of scripts/bench-kpi.

Computes, from the same canonical attendance.csv (clock-time rows, as
`erabareru demo generate` writes them), what `erabareru kpi` computes for
the 36協定 checks: legal overtime per employee and month (8 h a day, 40 h a
Sunday–Saturday week with the running weekly sum, legal-holiday work apart),
the monthly sums, the 100 h rule and the 2–6 month 80 h averages. Prints
timing and the totals, and, when given erabareru's JSON report, checks that
both agree.

usage: bench_kpi_duckdb.py ATTENDANCE_CSV FISCAL_YEAR [REPORT_JSON]
"""

import json
import sys
import time

import duckdb

SQL = """
WITH a AS (
  SELECT employee_id, date, day_type,
         CASE WHEN start IS NULL OR "end" IS NULL THEN 0 ELSE
           (CAST(split_part("end", ':', 1) AS INTEGER) * 60 + CAST(split_part("end", ':', 2) AS INTEGER))
         - (CAST(split_part(start, ':', 1) AS INTEGER) * 60 + CAST(split_part(start, ':', 2) AS INTEGER))
         - coalesce(break_minutes, 0) END AS worked
  FROM read_csv(?, header = true, auto_detect = false,
                columns = {'employee_id': 'VARCHAR', 'date': 'DATE', 'day_type': 'VARCHAR',
                           'start': 'VARCHAR', 'end': 'VARCHAR', 'break_minutes': 'INTEGER',
                           'paid_leave_days': 'DOUBLE', 'paid_leave_hours': 'DOUBLE'})
),
d AS (
  SELECT employee_id, date,
         CASE WHEN day_type = 'legal_holiday' THEN worked ELSE 0 END AS hol,
         CASE WHEN day_type = 'legal_holiday' THEN 0 ELSE greatest(worked - 480, 0) END AS daily,
         CASE WHEN day_type = 'legal_holiday' THEN 0 ELSE least(worked, 480) END AS regular,
         date - CAST(dayofweek(date) AS INTEGER) AS week          -- Sunday-start weeks
  FROM a
),
w AS (
  SELECT *, sum(regular) OVER (PARTITION BY employee_id, week ORDER BY date
                               ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS run
  FROM d
),
m AS (
  SELECT employee_id, date_trunc('month', date) AS month,
         sum(daily + greatest(run - 2400, 0) - greatest(run - regular - 2400, 0)) AS ot,
         sum(hol) AS hol
  FROM w GROUP BY ALL
),
x AS (
  SELECT employee_id, month, ot, hol, ot + hol AS t,
         lag(month, 1) OVER e AS m1, lag(month, 2) OVER e AS m2, lag(month, 3) OVER e AS m3,
         lag(month, 4) OVER e AS m4, lag(month, 5) OVER e AS m5,
         sum(ot + hol) OVER (e ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS s2,
         sum(ot + hol) OVER (e ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS s3,
         sum(ot + hol) OVER (e ROWS BETWEEN 3 PRECEDING AND CURRENT ROW) AS s4,
         sum(ot + hol) OVER (e ROWS BETWEEN 4 PRECEDING AND CURRENT ROW) AS s5,
         sum(ot + hol) OVER (e ROWS BETWEEN 5 PRECEDING AND CURRENT ROW) AS s6
  FROM m WINDOW e AS (PARTITION BY employee_id ORDER BY month)
)
SELECT count(DISTINCT employee_id) AS employees,
       sum(ot) AS overtime_minutes,
       sum(hol) AS holiday_minutes,
       count(*) FILTER (WHERE t >= 6000) AS monthly_100h,
       count(*) FILTER (WHERE m1 = month - INTERVAL 1 MONTH AND s2 > 4800 * 2)
     + count(*) FILTER (WHERE m2 = month - INTERVAL 2 MONTH AND s3 > 4800 * 3)
     + count(*) FILTER (WHERE m3 = month - INTERVAL 3 MONTH AND s4 > 4800 * 4)
     + count(*) FILTER (WHERE m4 = month - INTERVAL 4 MONTH AND s5 > 4800 * 5)
     + count(*) FILTER (WHERE m5 = month - INTERVAL 5 MONTH AND s6 > 4800 * 6) AS average_80h
FROM x
WHERE month BETWEEN CAST(? AS DATE) AND CAST(? AS DATE)
"""


def erabareru_totals(path):
    with open(path, encoding="utf-8") as f:
        report = json.load(f)
    ot = report["overtime"]
    totals = {"employees": len(ot["employees"]), "overtime_minutes": 0, "holiday_minutes": 0,
              "monthly_100h": 0, "average_80h": 0}
    for e in ot["employees"]:
        for m in e["months"]:
            totals["overtime_minutes"] += m["legal_overtime_minutes"]
            totals["holiday_minutes"] += m["legal_holiday_minutes"]
        for v in e["violations"]:
            if v["rule"] in ("monthly_100h", "average_80h"):
                totals[v["rule"]] += 1
    return totals


def main():
    path, fy = sys.argv[1], int(sys.argv[2])
    con = duckdb.connect()
    started = time.perf_counter()
    row = con.execute(SQL, [path, f"{fy}-04-01", f"{fy + 1}-03-01"]).fetchone()
    elapsed = time.perf_counter() - started
    names = ["employees", "overtime_minutes", "holiday_minutes", "monthly_100h", "average_80h"]
    duck = dict(zip(names, (int(v) for v in row)))
    threads = con.execute("SELECT current_setting('threads')").fetchone()[0]
    print(f"duckdb {duckdb.__version__} ({threads} threads): {elapsed:.3f} s")
    print("duckdb totals:    " + json.dumps(duck))
    if len(sys.argv) > 3:
        ours = erabareru_totals(sys.argv[3])
        print("erabareru totals: " + json.dumps(ours))
        if ours != duck:
            print("MISMATCH between erabareru and DuckDB")
            sys.exit(1)
        print("erabareru and DuckDB agree")
    print(f"DUCKDB_SECONDS={elapsed:.3f}")


if __name__ == "__main__":
    main()

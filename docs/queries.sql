-- Example queries for analysts (DuckDB SQL). Open the database read-only:
--   duckdb -readonly output/nhiemvu.duckdb      or, in Python,
--   duckdb.connect("output/nhiemvu.duckdb", read_only=True)
-- Each query below starts with a "-- N. title" line; tests/test_queries.py runs every one
-- against the database of corpus/ and checks its answer.
-- Agency names are canonical (abbreviations expanded): 'Sở Thông tin và Truyền thông', not
-- 'Sở TT&TT'. Find the spelling with query 9.

-- 1. Nhiệm vụ quá hạn của Sở Thông tin và Truyền thông (tại ngày 26/3/2024)
SELECT task, deadline, due_in_days, source_path
FROM assignment_status_on(DATE '2024-03-26') s
JOIN documents d USING (doc_id)
WHERE s.lead_agency = 'Sở Thông tin và Truyền thông' AND s.status = 'overdue'
ORDER BY deadline;

-- 2. Nhiệm vụ quá hạn hoặc sắp đến hạn hôm nay (giờ Việt Nam), mọi cơ quan
SELECT lead_agency, jurisdiction, task, deadline, due_in_days, status
FROM v_assignment_status
WHERE status IN ('overdue', 'due_soon')
ORDER BY deadline;

-- 3. Văn bản nào trích dẫn Nghị định 73/2019/NĐ-CP (viết ND hay NĐ đều được)
SELECT DISTINCT citing_source_path, citing_title, citing_date
FROM v_citations
WHERE kind = 'Nghị định' AND number_key(number) = number_key('73/2019/ND-CP');

-- 4. Văn bản được trích dẫn nhiều nhất
SELECT kind, number, min(ref_date) AS issued, count(DISTINCT citing_doc_id) AS citing_documents
FROM v_citations
WHERE number IS NOT NULL
GROUP BY kind, number
ORDER BY citing_documents DESC, kind, number
LIMIT 20;

-- 5. Cơ quan có nhiều nhiệm vụ quá hạn nhất (tại ngày 26/3/2024)
SELECT lead_agency, jurisdiction,
       count(*) FILTER (WHERE status = 'overdue') AS overdue,
       count(*) FILTER (WHERE status NOT IN ('done', 'cancelled')) AS not_done
FROM assignment_status_on(DATE '2024-03-26')
GROUP BY ALL
ORDER BY overdue DESC, not_done DESC, lead_agency;

-- 6. Nhiệm vụ Sở Tài chính phối hợp (không chủ trì), với cơ quan chủ trì
SELECT a.lead_agency, a.task, a.deadline, a.source_path
FROM v_assignments a
JOIN assignment_agencies g USING (assignment_id)
WHERE g.role = 'coordinate' AND g.agency = 'Sở Tài chính'
ORDER BY a.source_path, a.seq;

-- 7. Nhiệm vụ định kỳ: báo cáo hằng tuần, hằng tháng ... (chu kỳ ISO 8601 và RRULE)
SELECT lead_agency, recurrence, recurrence_rule, task
FROM v_assignments
WHERE recurrence IS NOT NULL
ORDER BY lead_agency;

-- 8. Nhiệm vụ khẩn ("khẩn trương", "ngay", "gấp")
SELECT lead_agency, task, source_path
FROM v_assignments
WHERE urgent
ORDER BY lead_agency;

-- 9. Cơ quan chủ trì và số nhiệm vụ, có thời hạn, định kỳ
SELECT lead_agency, count(*) AS tasks, count(deadline) AS with_deadline,
       count(recurrence) AS recurring
FROM assignments
GROUP BY lead_agency
ORDER BY tasks DESC, lead_agency;

-- 10. Số nhiệm vụ đến hạn theo tháng
SELECT strftime(date_trunc('month', deadline), '%m/%Y') AS month, count(*) AS tasks
FROM assignments
WHERE deadline IS NOT NULL
GROUP BY date_trunc('month', deadline)
ORDER BY date_trunc('month', deadline);

-- 11. Mỗi nhiệm vụ với nguyên văn đoạn giao việc trong văn bản (để đối chiếu)
SELECT a.seq, a.lead_agency, a.rule_id,
       substring(d.text, a.start_char + 1, a.end_char - a.start_char) AS passage
FROM assignments a
JOIN documents d USING (doc_id)
ORDER BY d.source_path, a.seq;

-- 12. Văn bản trong kho được văn bản khác trong kho trích dẫn (đồ thị trích dẫn)
SELECT citing_source_path, kind, number, cited_source_path
FROM v_citations
WHERE cited_doc_id IS NOT NULL
ORDER BY citing_source_path;

-- 13. Văn bản theo loại và tháng ban hành
SELECT doc_kind, strftime(date_trunc('month', issued_date), '%m/%Y') AS month,
       count(*) AS documents
FROM documents
WHERE status = 'ok' AND duplicate_of IS NULL
GROUP BY doc_kind, date_trunc('month', issued_date)
ORDER BY date_trunc('month', issued_date), doc_kind;

-- 14. Tệp không đọc được, và lý do
SELECT source_path, format, error
FROM documents
WHERE status = 'failed'
ORDER BY source_path;

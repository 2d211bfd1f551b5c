#pragma once

#include "core/deletionrecordreader.h"

// `bouncedesk history [--since YYYY-MM-DD] [--customer U] [--email ADDRESS] [--no-sanitize]`:
// prints the deletion record (DeletionRecord::defaultPath()) as CSV with the header
// `time,user,api,customer,list,email,outcome,detail`, the entries the filter accepts in the
// order they were written. Cells are neutralised as in exports unless `neutraliseFormulas` is
// false. Needs no credentials and sends nothing; the record is the same whatever API the
// deletes went through. A missing record prints the header alone. Lines of the record that are
// not entries are skipped, each named on standard error. Returns the exit code (1 when the
// record exists but cannot be read, or standard output cannot be written).
int runHistory(const DeletionRecordFilter &filter, bool neutraliseFormulas);

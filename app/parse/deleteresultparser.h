#pragma once

#include "parseresult.h"

#include <QByteArrayView>

// `method=bounces&task=delete`: {"message":"success"} / <result><message>success</message></result>
// NotOnListAfterLostAnswer: "Email does not exist" to a retry, after an attempt whose answer was
// lost: most likely that attempt deleted it. Gone all the same.
enum class DeleteOutcome { Deleted, NotOnList, NotOnListAfterLostAnswer };
// ok=false with error = the server's words (or what is malformed) when it is not a success.
// Judged by content (JSON or XML is sniffed), not only by the format that was asked for.
ParseResult parseDeleteResult(QByteArrayView body, DeleteOutcome *outcome);

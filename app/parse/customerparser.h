#pragma once

#include "core/customer.h"
#include "parseresult.h"

#include <QByteArrayView>
#include <QList>

// `method=profile&task=get`: a JSON array of users or XML <users><user>...</user></users>,
// judged by its content (JSON or XML is sniffed), not only by the format that was asked for.
// An API error body gives the server's words (serverError).
ParseResult parseCustomers(QByteArrayView body, QList<Customer> *customers);

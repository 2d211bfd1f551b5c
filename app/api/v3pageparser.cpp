#include "v3pageparser.h"

#include "parse/v3responseparser.h"

V3PageParser::V3PageParser(SuppressionList list)
    : m_list(list) {}

void V3PageParser::parse(int index, const QByteArray &body) {
    auto page = std::make_shared<V3ParsedPage>();
    page->index = index;
    page->result = V3Response::parseListPage(body, m_list, &page->rows, &page->count);
    Q_EMIT parsed(std::move(page));
}

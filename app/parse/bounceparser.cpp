#include "bounceparser.h"

#include "jsonbounceparser.h"
#include "xmlbounceparser.h"

std::unique_ptr<BounceStreamParser> BounceStreamParser::create(ResponseFormat format,
                                                               RowSink sink) {
    if (format == ResponseFormat::Xml)
        return std::make_unique<XmlBounceParser>(std::move(sink));
    return std::make_unique<JsonBounceParser>(std::move(sink));
}

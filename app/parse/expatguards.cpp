#include "expatguards.h"

#include <expat.h>

namespace {

// Between a namespace URI and the local name in the names Expat hands out. It can appear in no
// XML 1.0 document, not even through a character reference.
constexpr char namespaceSeparator = '\x01';

// Bounds the entity expansion Expat allows (its default activation threshold is 8 MiB).
constexpr unsigned long long amplificationThreshold = 1024 * 1024;

int XMLCALL refuseExternalEntity(XML_Parser, const XML_Char *, const XML_Char *, const XML_Char *,
                                 const XML_Char *) {
    return XML_STATUS_ERROR;
}

} // namespace

XML_ParserStruct *ExpatGuards::createParser() {
    XML_Parser parser = XML_ParserCreateNS("UTF-8", namespaceSeparator);
    if (!parser)
        return nullptr; // only without memory
    XML_SetParamEntityParsing(parser, XML_PARAM_ENTITY_PARSING_NEVER);
    XML_SetExternalEntityRefHandler(parser, &refuseExternalEntity);
    XML_SetBillionLaughsAttackProtectionMaximumAmplification(parser, 100.0f);
    XML_SetBillionLaughsAttackProtectionActivationThreshold(parser, amplificationThreshold);
    return parser;
}

std::string_view ExpatGuards::localName(std::string_view name) {
    const std::size_t separator = name.find(namespaceSeparator);
    return separator == std::string_view::npos ? name : name.substr(separator + 1);
}

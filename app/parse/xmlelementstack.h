#pragma once

#include "xmltagreader.h"

#include <QString>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

// The open elements of an XML document, with the namespace prefixes in scope: end tags must
// match, prefixes must be declared and attributes must not repeat (QXmlStreamReader reads with
// namespace processing on, so the fast scanner checks the same).
class XmlElementStack final {
public:
    // Opens an element once its start tag is read. Returns what is wrong with it, or nothing.
    QString open(std::string_view name, const std::vector<XmlTagReader::Attribute> &attributes);
    // Closes the innermost element; false when `name` is not its name.
    bool close(std::string_view name);
    int depth() const { return int(m_starts.size()); }

    // "bounce" for "bounce" and for "b:bounce", as QXmlStreamReader::name() gives it.
    static std::string_view localName(std::string_view qualifiedName);

private:
    struct Namespace {
        std::string prefix;
        std::string uri;
    };
    const std::string *uriFor(std::string_view prefix) const; // nullptr: not declared
    QString declareNamespaces(const std::vector<XmlTagReader::Attribute> &attributes);
    QString checkAttributes(const std::vector<XmlTagReader::Attribute> &attributes) const;

    std::string m_names;               // the open elements' names, one after the other
    std::vector<std::size_t> m_starts; // where each name starts in m_names
    std::vector<Namespace> m_namespaces;
    std::vector<std::size_t> m_namespaceMarks; // m_namespaces.size() before each element
};

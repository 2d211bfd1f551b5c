#pragma once

#include "bounce.h"

#include <QString>
#include <QStringView>

#include <optional>
#include <string_view>

// SendGrid's seven bounce classifications. SendGrid gives them only as counts per day (and in
// Event Webhook events); the suppression list rows never carry them, so BounceDesk derives a
// row's class on this side from its RFC 3463 status and its reason text (bounceclass.cpp has
// the one table of rules, README "Bounces explained" prints it). Derived: SendGrid's own
// counts may put a row elsewhere.
enum class BounceClass : quint8 {
    Unclassified,
    InvalidAddress,
    MailboxUnavailable,
    Reputation,
    TechnicalFailure,
    Content,
    FrequencyOrVolumeTooHigh,
};

// Every class, Unclassified last (the order of filters and legends).
constexpr BounceClass allBounceClasses[] = {
    BounceClass::InvalidAddress, BounceClass::MailboxUnavailable,
    BounceClass::Reputation,     BounceClass::TechnicalFailure,
    BounceClass::Content,        BounceClass::FrequencyOrVolumeTooHigh,
    BounceClass::Unclassified,
};

// A bounce's derived type and class. The type comes from bounceKindForStatus() alone (the one
// source of hard/soft: 5.x.x hard, 4.x.x soft, anything else neither); the class from the
// first rule of the table that the status and the reason both match, Unclassified when none
// does. Pure: the same texts always give the same answer. Only the first few KiB of a reason
// are read (remote servers put their words first).
struct BounceDerivation {
    BounceKind kind = BounceKind::Unknown;
    BounceClass bounceClass = BounceClass::Unclassified;
};
BounceDerivation deriveBounce(std::string_view statusUtf8, std::string_view reasonUtf8);
BounceDerivation deriveBounce(QStringView status, QStringView reason);
BounceClass classifyBounce(std::string_view statusUtf8, std::string_view reasonUtf8);
BounceClass classifyBounce(const BounceStatusCode &status, std::string_view reasonUtf8);

// SendGrid's exact English name ("Invalid Address", "Frequency or Volume Too High", ...):
// the CSV's class cell and the command line, never translated.
std::string_view bounceClassNameUtf8(BounceClass bounceClass);
QString bounceClassName(BounceClass bounceClass);
std::optional<BounceClass> bounceClassFromName(QStringView name); // exact, as above
// The class's name for people, translated.
QString bounceClassTitle(BounceClass bounceClass);
// What usually helps with bounces of this class, one or two plain sentences (translated).
QString bounceClassAdvice(BounceClass bounceClass);

#pragma once

#include "core/secretstore.h"

// The system keychain through QtKeychain (libsecret / KWallet on Linux). Reports NoBackend
// when no keychain service answers, so callers can fall back to a session-only store and
// tell the user.
class KeychainSecretStore final : public SecretStore {
public:
    bool isPersistent() const override { return true; }
    void readSecret(const QString &account, ReadCallback done) override;
    void writeSecret(const QString &account, const QString &secret, WriteCallback done) override;
    void removeSecret(const QString &account, WriteCallback done) override;
};

#pragma once

class SandboxData;

// Adds the demo accounts every SandboxData starts with: what the window's demo mode,
// `bouncedesk sandbox` and the tests see. Deterministic: no clock, no random source.
void addDemoAccounts(SandboxData &data);

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" sourcelanguage="en">
<context>
    <name>ApiError</name>
    <message>
        <source>The connection settings cannot be used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection settings cannot be used: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not talk to the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not talk to the server (after %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not talk to the server: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not talk to the server (after %1): %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timed out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timed out: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The secure connection failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The secure connection failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server answered with an error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server answered with an error (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server answered with an error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server answered with an error (%1): %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server kept refusing with “too many requests”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server kept refusing with “too many requests” (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server kept refusing with “too many requests”: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server kept refusing with “too many requests” (%1): %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused the request without details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused the request (%1) without details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused the request: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused the request (%1): %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server reported an error without details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server reported an error (%1) without details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server reported an error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server reported an error (%1): %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused the request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused the request (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s answer could not be used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s answer could not be used (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s answer could not be used: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s answer could not be used (%1): %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The response ended early</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The response ended early (after %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The response ended early: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The response ended early (after %1): %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the API user and key.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ApiSettings</name>
    <message>
        <source>No API user is set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No API key is set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The API URL is not a valid address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The API URL must start with https:// (not %1://).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The API URL names no host.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The API URL must not contain a user name or password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plain http to %1 would send the API key in clear; use https, or explicitly allow insecure http.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The transfer timeout must be longer than zero.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BounceClass</name>
    <message>
        <source>Invalid Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mailbox Unavailable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reputation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Technical Failure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Content</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frequency or Volume Too High</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unclassified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The address does not exist or is misspelt. Ask the customer to correct it at the source; removing it from the list only brings the bounce back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mailbox exists but is full, disabled or inactive. Remove it once the recipient confirms the mailbox works again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The receiver refused the sending IP or domain (a block list or poor reputation). Get the listing removed or warm up the IP first; retrying before that bounces again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DNS, TLS, connection or authentication (SPF, DKIM, DMARC) trouble on one side. Check the sending domain&apos;s records and the receiving server, then remove the entry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message itself was refused (spam verdict, links, attachments or size). Change the content before sending again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The receiver limited the rate or volume. Send more slowly or spread the sending; these usually clear by themselves.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The status and the reason say too little to tell. Read the reason; if unsure, ask the receiving side&apos;s postmaster.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BounceTableModel</name>
    <message>
        <source>Hard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Soft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete unconfirmed: no answer confirmed it, so it may or may not have happened. Deleting it again is safe.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not deleted: the server refused the delete.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not deleted: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete unconfirmed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No answer confirmed it, so it may or may not have happened. Deleting it again is safe.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (derived by BounceDesk from the status and the reason: SendGrid&apos;s list does not say)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Derived by BounceDesk from the status and the reason: SendGrid&apos;s list does not say.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group name</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BounceTableView</name>
    <message>
        <source>&amp;Copy Rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy &amp;Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Filter to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the selected rows as tab-separated text with a header row, protected against spreadsheet formulas as the CSV export is</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConnectionDialog</name>
    <message>
        <source>Connect to SendGrid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Advanced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Advanced settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problems with these settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lists the customers of this account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Testing the connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection test result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API &amp;user:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API &amp;key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try the &amp;demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Explore BounceDesk with a built-in emulator and sample data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Response format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>XML</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allow plain &amp;http to a non-local server (sends the key unencrypted)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API U&amp;RL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Response &amp;format:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide the API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected: 1 customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected: %1 customers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SendGrid v3 (API key)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>v2 reseller (legacy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SendGrid accepts API keys only: for v2, enter “apikey” as the API user and an API key as the key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Global (api.sendgrid.com)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>EU (api.eu.sendgrid.com)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subusers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer accounts (Account Provisioning)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer accounts are for resellers onboarded for SendGrid&apos;s Account Provisioning; everyone else uses subusers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;PI:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;gion:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Customers:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom base URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>empty: the region&apos;s (the part before v3/)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The base URL before “v3/”, e.g. %1; used instead of the region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom &amp;base URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected: the key may list customer accounts (1 found).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected: the key may list customer accounts (%1 found).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected: the key may list subusers (1 found).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected: the key may list subusers (%1 found).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It may read the suppression lists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It may not read the suppression lists: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading a suppression list failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConnectionStore</name>
    <message>
        <source>No system keychain is available: the API key is kept for this session only.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CsvWriter</name>
    <message>
        <source>Could not export to &quot;%1&quot;: %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CustomerPicker</name>
    <message>
        <source>Inactive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recently used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type part of a customer&apos;s username, name or email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer username, name or email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reload the customer list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading customers…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reload Customers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>EU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Global</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This account</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DateFilterEdit</name>
    <message>
        <source>any</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A day as yyyy-mm-dd; empty means any</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick a day, or the last 7, 30 or 90 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the calendar</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Last %n days</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DeleteConfirmation</name>
    <message>
        <source>The recipient asked to receive mail again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeleteController</name>
    <message>
        <source>Delete 1 bounce of customer %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SendGrid will deliver mail to these addresses again. This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete Bounces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deletes Still Running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deletes are still running for %1. Quit anyway?

Requests already sent may still delete their addresses; the rest are not sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 address deleted for %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>• %1 (1 address)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Delete %Ln bounces of customer %1?</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>…and %Ln more</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>• %1 (%Ln addresses)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln could not be deleted and stay in the table, marked:</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln got no answer that confirms it: the delete may or may not have happened, and trying again is safe.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln not sent because the deletes were cancelled.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln addresses deleted for %1.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Deleted, but not recorded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleting stopped: %1 Nothing more was sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was deleted (every delete is recorded first). %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection changed before the server answered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete 1 row of customer %1 from %2?</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Delete %Ln rows of customer %1 from %2?</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>SendGrid asks that these be removed only when the recipient asked to receive mail again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Delete %Ln rows of customer %1 from several lists?</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Each address leaves only the group of its row; its other groups keep it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (group %2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeletionHistoryDialog</name>
    <message>
        <source>&amp;Since (UTC):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deletion History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Customer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;mail:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 delete shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln deletes shown.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln lines of the record are not deletion entries and were skipped.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Record: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not export to &quot;%1&quot;: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Deletion History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln deletes to %1.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Export Failed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DesktopSession</name>
    <message>
        <source>Not connected yet. Enter your SendGrid reseller credentials, or try the demo.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The API key is not in the keychain. Enter it in the connection settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo server could not start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review, delete and export SendGrid bounces.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open connected to a built-in demo server.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ErrorBanner</name>
    <message>
        <source>Error message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss the error message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notice</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportController</name>
    <message>
        <source>Export options</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All rows shown, in the order shown (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the selected rows (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start with a byte-order mark (for Excel)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write cells raw, without protection against spreadsheet formulas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>Filter by address, reason or status (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All types</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hard bounces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Soft bounces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bounce type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created until</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show all rows again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear the filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>T&amp;ype</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created fro&amp;m</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Earliest created day (yyyy-mm-dd); empty leaves it open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latest created day (yyyy-mm-dd); empty leaves it open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cl&amp;ass</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All classes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bounce class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The class BounceDesk derives from the status and the reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by the columns shown (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FindAddressDialog</name>
    <message>
        <source>&amp;Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>anna@example.com, or @example.com for a whole domain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address or @domain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where the address was found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not searched</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the selected rows so SendGrid delivers to them again (Del)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server asked to wait: going on in %1 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected: set up the connection first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type an address (anna@example.com) or @ and a domain (@example.com).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait for the deletes to end (or press Esc) before searching again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not searched: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 row found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln rows found.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Type an address, or @ and a domain, and press Enter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listing the customers…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 customers searched</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search cancelled: not every customer and list was searched.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search complete: every customer and list was searched.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search incomplete: 1 customer or list could not be searched (below); the address may be there too.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Search incomplete: %Ln customers or lists could not be searched (below); the address may be there too.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Deleting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete Found Rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was deleted (every delete is recorded first). %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted, but not recorded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not recorded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cancelled before an answer confirmed it; deleting again is safe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no answer was reported; the outcome is unknown, deleting again is safe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleting stopped: %1 Nothing more was sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 address deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln addresses deleted.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>1 could not be deleted and stays, marked with its reason.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln could not be deleted and stay, marked with their reasons.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1, %2, group %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FindResultsModel</name>
    <message>
        <source>(parent account)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not deleted: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete not confirmed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ListTabs</name>
    <message>
        <source>%1 (%L2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+,</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export &amp;Selection…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+E</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Filter…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose &amp;Customer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+L</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About BounceDesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the rows shown as CSV (Ctrl+E)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;ustomer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the bounces of %1 was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load the bounces of %1. %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not list the customers. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Retry Failed Deletes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected. Open File › Connection Settings, or try the demo.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a customer above (Ctrl+L) to see their bounces.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the bounces of %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no bounces.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BounceDesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — BounceDesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (demo)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading %1… %2 rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleting… %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About BounceDesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BounceDesk %1
Review, delete and export the bounces of SendGrid reseller customers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection Se&amp;ttings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ca&amp;ncel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server asked to wait: trying again in %1 s (attempt %2 of %3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try A&amp;gain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Clear the Filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop loading, deleting or exporting (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export cancelled: nothing was written to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 Trying again (attempt %2 of %3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load the bounces of %1.
%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No bounces match the filter: 0 of %1 shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting… %1 of %2 rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deletion &amp;History…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>T&amp;ools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s rate limit is spent: waiting %1 s for it to reset.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find &amp;Address…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+F</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find an address on every list of every customer (Ctrl+Shift+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find address everywhere…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find address everywhere</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading %1 of %2 was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load %1 of %2. %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading %1 of %2…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load %1 of %2.
%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No rows match the filter: 0 of %1 shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load %1 of this customer again (F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the selected rows from %1 so SendGrid delivers to them again (Del)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a customer above (Ctrl+L) to see their %1.</source>
        <translation></translation>
    </message>
    <message>
        <source>Customer list: %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>No key is saved in the system keychain for this user.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access to the system keychain was denied.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key could not be removed from the system keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No system keychain service is available.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StatusPanel</name>
    <message>
        <source>Activity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row counts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loaded at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total: %1   Shown: %2   Selected: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loaded at %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SuppressionList</name>
    <message>
        <source>Bounces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blocks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid emails</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spam reports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group unsubscribes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Global unsubscribes</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TimelineView</name>
    <message>
        <source>Show &amp;Timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show or hide the bounces per day above the table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whole List</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the timeline of the whole list again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bounces per day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counting the rows per day…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No rows to show per day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None of the rows the filter shows has a created date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No rows to show per day: the filter hides every row.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; %1 without a created date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (classes derived by BounceDesk)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click a bar, or pick one with the arrow keys and Enter, to filter the table to its days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 row per day, %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln rows per day, %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>1 row per week (from Monday), %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln rows per week (from Monday), %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>1 row per month, %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln rows per month, %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>1 row per year, %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln rows per year, %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1: 1 row</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1: %Ln rows</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
</TS>

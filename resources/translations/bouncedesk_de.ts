<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>ApiError</name>
    <message>
        <source>The connection settings cannot be used</source>
        <translation>Die Verbindungseinstellungen sind nicht verwendbar</translation>
    </message>
    <message>
        <source>The connection settings cannot be used: %1</source>
        <translation>Die Verbindungseinstellungen sind nicht verwendbar: %1</translation>
    </message>
    <message>
        <source>Could not talk to the server</source>
        <translation>Die Kommunikation mit dem Server ist fehlgeschlagen</translation>
    </message>
    <message>
        <source>Could not talk to the server (after %1)</source>
        <translation>Die Kommunikation mit dem Server ist nach %1 fehlgeschlagen</translation>
    </message>
    <message>
        <source>Could not talk to the server: %1</source>
        <translation>Die Kommunikation mit dem Server ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Could not talk to the server (after %1): %2</source>
        <translation>Die Kommunikation mit dem Server ist nach %1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>Timed out</source>
        <translation>Zeitüberschreitung</translation>
    </message>
    <message>
        <source>Timed out: %1</source>
        <translation>Zeitüberschreitung: %1</translation>
    </message>
    <message>
        <source>The secure connection failed</source>
        <translation>Die sichere Verbindung ist fehlgeschlagen</translation>
    </message>
    <message>
        <source>The secure connection failed: %1</source>
        <translation>Die sichere Verbindung ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>The server answered with an error</source>
        <translation>Der Server hat mit einem Fehler geantwortet</translation>
    </message>
    <message>
        <source>The server answered with an error (%1)</source>
        <translation>Der Server hat mit einem Fehler geantwortet (%1)</translation>
    </message>
    <message>
        <source>The server answered with an error: %1</source>
        <translation>Der Server hat mit einem Fehler geantwortet: %1</translation>
    </message>
    <message>
        <source>The server answered with an error (%1): %2</source>
        <translation>Der Server hat mit einem Fehler geantwortet (%1): %2</translation>
    </message>
    <message>
        <source>The server kept refusing with “too many requests”</source>
        <translation>Der Server hat wiederholt mit „zu viele Anfragen“ abgelehnt</translation>
    </message>
    <message>
        <source>The server kept refusing with “too many requests” (%1)</source>
        <translation>Der Server hat wiederholt mit „zu viele Anfragen“ abgelehnt (%1)</translation>
    </message>
    <message>
        <source>The server kept refusing with “too many requests”: %1</source>
        <translation>Der Server hat wiederholt mit „zu viele Anfragen“ abgelehnt: %1</translation>
    </message>
    <message>
        <source>The server kept refusing with “too many requests” (%1): %2</source>
        <translation>Der Server hat wiederholt mit „zu viele Anfragen“ abgelehnt (%1): %2</translation>
    </message>
    <message>
        <source>The server refused the request without details</source>
        <translation>Der Server hat die Anfrage ohne nähere Angaben abgelehnt</translation>
    </message>
    <message>
        <source>The server refused the request (%1) without details</source>
        <translation>Der Server hat die Anfrage ohne nähere Angaben abgelehnt (%1)</translation>
    </message>
    <message>
        <source>The server refused the request: %1</source>
        <translation>Der Server hat die Anfrage abgelehnt: %1</translation>
    </message>
    <message>
        <source>The server refused the request (%1): %2</source>
        <translation>Der Server hat die Anfrage abgelehnt (%1): %2</translation>
    </message>
    <message>
        <source>The server reported an error without details</source>
        <translation>Der Server hat einen Fehler ohne nähere Angaben gemeldet</translation>
    </message>
    <message>
        <source>The server reported an error (%1) without details</source>
        <translation>Der Server hat einen Fehler ohne nähere Angaben gemeldet (%1)</translation>
    </message>
    <message>
        <source>The server reported an error: %1</source>
        <translation>Der Server hat einen Fehler gemeldet: %1</translation>
    </message>
    <message>
        <source>The server reported an error (%1): %2</source>
        <translation>Der Server hat einen Fehler gemeldet (%1): %2</translation>
    </message>
    <message>
        <source>The server refused the request</source>
        <translation>Der Server hat die Anfrage abgelehnt</translation>
    </message>
    <message>
        <source>The server refused the request (%1)</source>
        <translation>Der Server hat die Anfrage abgelehnt (%1)</translation>
    </message>
    <message>
        <source>The server&apos;s answer could not be used</source>
        <translation>Die Antwort des Servers war nicht verwendbar</translation>
    </message>
    <message>
        <source>The server&apos;s answer could not be used (%1)</source>
        <translation>Die Antwort des Servers war nicht verwendbar (%1)</translation>
    </message>
    <message>
        <source>The server&apos;s answer could not be used: %1</source>
        <translation>Die Antwort des Servers war nicht verwendbar: %1</translation>
    </message>
    <message>
        <source>The server&apos;s answer could not be used (%1): %2</source>
        <translation>Die Antwort des Servers war nicht verwendbar (%1): %2</translation>
    </message>
    <message>
        <source>The response ended early</source>
        <translation>Die Antwort brach vorzeitig ab</translation>
    </message>
    <message>
        <source>The response ended early (after %1)</source>
        <translation>Die Antwort brach nach %1 vorzeitig ab</translation>
    </message>
    <message>
        <source>The response ended early: %1</source>
        <translation>Die Antwort brach vorzeitig ab: %1</translation>
    </message>
    <message>
        <source>The response ended early (after %1): %2</source>
        <translation>Die Antwort brach nach %1 vorzeitig ab: %2</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Cancelled: %1</source>
        <translation>Abgebrochen: %1</translation>
    </message>
    <message>
        <source>The request failed</source>
        <translation>Die Anfrage ist fehlgeschlagen</translation>
    </message>
    <message>
        <source>The request failed: %1</source>
        <translation>Die Anfrage ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Check the API user and key.</source>
        <translation>Prüfen Sie API-Benutzer und API-Schlüssel.</translation>
    </message>
</context>
<context>
    <name>ApiSettings</name>
    <message>
        <source>No API user is set.</source>
        <translation>Es ist kein API-Benutzer angegeben.</translation>
    </message>
    <message>
        <source>No API key is set.</source>
        <translation>Es ist kein API-Schlüssel angegeben.</translation>
    </message>
    <message>
        <source>The API URL is not a valid address.</source>
        <translation>Die API-URL ist keine gültige Adresse.</translation>
    </message>
    <message>
        <source>The API URL must start with https:// (not %1://).</source>
        <translation>Die API-URL muss mit https:// beginnen (nicht mit %1://).</translation>
    </message>
    <message>
        <source>The API URL names no host.</source>
        <translation>Die API-URL nennt keinen Host.</translation>
    </message>
    <message>
        <source>The API URL must not contain a user name or password.</source>
        <translation>Die API-URL darf weder Benutzernamen noch Passwort enthalten.</translation>
    </message>
    <message>
        <source>Plain http to %1 would send the API key in clear; use https, or explicitly allow insecure http.</source>
        <translation>Unverschlüsseltes HTTP zu %1 würde den API-Schlüssel im Klartext senden; verwenden Sie https oder erlauben Sie unverschlüsseltes HTTP ausdrücklich.</translation>
    </message>
    <message>
        <source>The transfer timeout must be longer than zero.</source>
        <translation>Das Zeitlimit für die Übertragung muss größer als null sein.</translation>
    </message>
</context>
<context>
    <name>BounceClass</name>
    <message>
        <source>Invalid Address</source>
        <translation>Ungültige Adresse</translation>
    </message>
    <message>
        <source>Mailbox Unavailable</source>
        <translation>Postfach nicht verfügbar</translation>
    </message>
    <message>
        <source>Reputation</source>
        <translation>Reputation</translation>
    </message>
    <message>
        <source>Technical Failure</source>
        <translation>Technischer Fehler</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>Inhalt</translation>
    </message>
    <message>
        <source>Frequency or Volume Too High</source>
        <translation>Frequenz oder Volumen zu hoch</translation>
    </message>
    <message>
        <source>Unclassified</source>
        <translation>Nicht klassifiziert</translation>
    </message>
    <message>
        <source>The address does not exist or is misspelt. Ask the customer to correct it at the source; removing it from the list only brings the bounce back.</source>
        <translation>Die Adresse existiert nicht oder ist falsch geschrieben. Bitten Sie den Kunden, sie an der Quelle zu korrigieren; sie nur aus der Liste zu entfernen, bringt den Bounce zurück.</translation>
    </message>
    <message>
        <source>The mailbox exists but is full, disabled or inactive. Remove it once the recipient confirms the mailbox works again.</source>
        <translation>Das Postfach existiert, ist aber voll, deaktiviert oder inaktiv. Entfernen Sie den Eintrag, sobald der Empfänger bestätigt, dass das Postfach wieder funktioniert.</translation>
    </message>
    <message>
        <source>The receiver refused the sending IP or domain (a block list or poor reputation). Get the listing removed or warm up the IP first; retrying before that bounces again.</source>
        <translation>Der Empfänger hat die sendende IP oder Domain abgelehnt (Sperrliste oder schlechte Reputation). Lassen Sie zuerst den Eintrag entfernen oder wärmen Sie die IP auf; ein früherer neuer Versuch bounct erneut.</translation>
    </message>
    <message>
        <source>DNS, TLS, connection or authentication (SPF, DKIM, DMARC) trouble on one side. Check the sending domain&apos;s records and the receiving server, then remove the entry.</source>
        <translation>Probleme mit DNS, TLS, Verbindung oder Authentifizierung (SPF, DKIM, DMARC) auf einer Seite. Prüfen Sie die Einträge der sendenden Domain und den empfangenden Server, dann entfernen Sie den Eintrag.</translation>
    </message>
    <message>
        <source>The message itself was refused (spam verdict, links, attachments or size). Change the content before sending again.</source>
        <translation>Die Nachricht selbst wurde abgelehnt (Spam-Urteil, Links, Anhänge oder Größe). Ändern Sie den Inhalt, bevor Sie erneut senden.</translation>
    </message>
    <message>
        <source>The receiver limited the rate or volume. Send more slowly or spread the sending; these usually clear by themselves.</source>
        <translation>Der Empfänger hat Rate oder Volumen begrenzt. Senden Sie langsamer oder verteilen Sie den Versand; das löst sich meist von selbst.</translation>
    </message>
    <message>
        <source>The status and the reason say too little to tell. Read the reason; if unsure, ask the receiving side&apos;s postmaster.</source>
        <translation>Status und Grund sagen zu wenig. Lesen Sie den Grund; fragen Sie im Zweifel den Postmaster der Empfängerseite.</translation>
    </message>
</context>
<context>
    <name>BounceTableModel</name>
    <message>
        <source>Hard</source>
        <translation>Hart</translation>
    </message>
    <message>
        <source>Soft</source>
        <translation>Weich</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Deleting…</source>
        <translation>Wird gelöscht…</translation>
    </message>
    <message>
        <source>Delete unconfirmed: no answer confirmed it, so it may or may not have happened. Deleting it again is safe.</source>
        <translation>Löschen unbestätigt: Keine Antwort hat es bestätigt, es ist also unklar, ob gelöscht wurde. Erneutes Löschen ist unbedenklich.</translation>
    </message>
    <message>
        <source>Not deleted: the server refused the delete.</source>
        <translation>Nicht gelöscht: Der Server hat das Löschen abgelehnt.</translation>
    </message>
    <message>
        <source>Not deleted: %1</source>
        <translation>Nicht gelöscht: %1</translation>
    </message>
    <message>
        <source>Delete unconfirmed: %1</source>
        <translation>Löschen unbestätigt: %1</translation>
    </message>
    <message>
        <source>No answer confirmed it, so it may or may not have happened. Deleting it again is safe.</source>
        <translation>Keine Antwort hat es bestätigt; es ist also vielleicht geschehen, vielleicht nicht. Erneutes Löschen ist unbedenklich.</translation>
    </message>
    <message>
        <source>%1 (derived by BounceDesk from the status and the reason: SendGrid&apos;s list does not say)</source>
        <translation>%1 (von BounceDesk aus Status und Grund abgeleitet: SendGrids Liste sagt es nicht)</translation>
    </message>
    <message>
        <source>Derived by BounceDesk from the status and the reason: SendGrid&apos;s list does not say.</source>
        <translation>Von BounceDesk aus Status und Grund abgeleitet: SendGrids Liste sagt es nicht.</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Klasse</translation>
    </message>
    <message>
        <source>IP</source>
        <translation>IP</translation>
    </message>
    <message>
        <source>Group ID</source>
        <translation>Gruppen-ID</translation>
    </message>
    <message>
        <source>Group name</source>
        <translation>Gruppenname</translation>
    </message>
</context>
<context>
    <name>BounceTableView</name>
    <message>
        <source>&amp;Copy Rows</source>
        <translation>Zeilen &amp;kopieren</translation>
    </message>
    <message>
        <source>Copy &amp;Address</source>
        <translation>&amp;Adresse kopieren</translation>
    </message>
    <message>
        <source>&amp;Filter to %1</source>
        <translation>Nach %1 &amp;filtern</translation>
    </message>
    <message>
        <source>Copy the selected rows as tab-separated text with a header row, protected against spreadsheet formulas as the CSV export is</source>
        <translation>Die ausgewählten Zeilen als tabulatorgetrennten Text mit Kopfzeile kopieren, gegen Tabellenformeln geschützt wie beim CSV-Export</translation>
    </message>
</context>
<context>
    <name>ConnectionDialog</name>
    <message>
        <source>Connect to SendGrid</source>
        <translation>Mit SendGrid verbinden</translation>
    </message>
    <message>
        <source>API user</source>
        <translation>API-Benutzer</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <source>Show API key</source>
        <translation>API-Schlüssel anzeigen</translation>
    </message>
    <message>
        <source>&amp;Advanced</source>
        <translation>&amp;Erweitert</translation>
    </message>
    <message>
        <source>Advanced settings</source>
        <translation>Erweiterte Einstellungen</translation>
    </message>
    <message>
        <source>Problems with these settings</source>
        <translation>Probleme mit diesen Einstellungen</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>Verbindung &amp;testen</translation>
    </message>
    <message>
        <source>Lists the customers of this account</source>
        <translation>Listet die Kunden dieses Kontos auf</translation>
    </message>
    <message>
        <source>Testing the connection</source>
        <translation>Verbindung wird getestet</translation>
    </message>
    <message>
        <source>Connection test result</source>
        <translation>Ergebnis des Verbindungstests</translation>
    </message>
    <message>
        <source>API &amp;user:</source>
        <translation>API-&amp;Benutzer:</translation>
    </message>
    <message>
        <source>API &amp;key:</source>
        <translation>API-&amp;Schlüssel:</translation>
    </message>
    <message>
        <source>Try the &amp;demo</source>
        <translation>&amp;Demo ausprobieren</translation>
    </message>
    <message>
        <source>Explore BounceDesk with a built-in emulator and sample data</source>
        <translation>BounceDesk mit einem eingebauten Emulator und Beispieldaten erkunden</translation>
    </message>
    <message>
        <source>API URL</source>
        <translation>API-URL</translation>
    </message>
    <message>
        <source>Response format</source>
        <translation>Antwortformat</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>XML</source>
        <translation>XML</translation>
    </message>
    <message>
        <source>Allow plain &amp;http to a non-local server (sends the key unencrypted)</source>
        <translation>Unverschlüsseltes &amp;HTTP zu einem nicht lokalen Server erlauben (sendet den Schlüssel im Klartext)</translation>
    </message>
    <message>
        <source>API U&amp;RL:</source>
        <translation>API-&amp;URL:</translation>
    </message>
    <message>
        <source>Response &amp;format:</source>
        <translation>Antwort&amp;format:</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>Verbergen</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Anzeigen</translation>
    </message>
    <message>
        <source>Hide the API key</source>
        <translation>API-Schlüssel verbergen</translation>
    </message>
    <message>
        <source>Show the API key</source>
        <translation>API-Schlüssel anzeigen</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Wird getestet…</translation>
    </message>
    <message>
        <source>Connected: 1 customer</source>
        <translation>Verbunden: 1 Kunde</translation>
    </message>
    <message>
        <source>Connected: %1 customers</source>
        <translation>Verbunden: %1 Kunden</translation>
    </message>
    <message>
        <source>API</source>
        <translation>API</translation>
    </message>
    <message>
        <source>SendGrid v3 (API key)</source>
        <translation>SendGrid v3 (API-Schlüssel)</translation>
    </message>
    <message>
        <source>v2 reseller (legacy)</source>
        <translation>v2-Reseller (veraltet)</translation>
    </message>
    <message>
        <source>SendGrid accepts API keys only: for v2, enter “apikey” as the API user and an API key as the key.</source>
        <translation>SendGrid akzeptiert nur noch API-Schlüssel: Geben Sie für v2 „apikey“ als API-Benutzer und einen API-Schlüssel als Schlüssel ein.</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Region</translation>
    </message>
    <message>
        <source>Global (api.sendgrid.com)</source>
        <translation>Global (api.sendgrid.com)</translation>
    </message>
    <message>
        <source>EU (api.eu.sendgrid.com)</source>
        <translation>EU (api.eu.sendgrid.com)</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>Kunden</translation>
    </message>
    <message>
        <source>Subusers</source>
        <translation>Subuser</translation>
    </message>
    <message>
        <source>Customer accounts (Account Provisioning)</source>
        <translation>Kundenkonten (Account Provisioning)</translation>
    </message>
    <message>
        <source>Customer accounts are for resellers onboarded for SendGrid&apos;s Account Provisioning; everyone else uses subusers</source>
        <translation>Kundenkonten gibt es nur für Reseller, die für SendGrids Account Provisioning freigeschaltet sind; alle anderen verwenden Subuser</translation>
    </message>
    <message>
        <source>A&amp;PI:</source>
        <translation>A&amp;PI:</translation>
    </message>
    <message>
        <source>Re&amp;gion:</source>
        <translation>Re&amp;gion:</translation>
    </message>
    <message>
        <source>&amp;Customers:</source>
        <translation>&amp;Kunden:</translation>
    </message>
    <message>
        <source>Custom base URL</source>
        <translation>Eigene Basis-URL</translation>
    </message>
    <message>
        <source>empty: the region&apos;s (the part before v3/)</source>
        <translation>leer: die der Region (der Teil vor v3/)</translation>
    </message>
    <message>
        <source>The base URL before “v3/”, e.g. %1; used instead of the region</source>
        <translation>Die Basis-URL vor „v3/“, z. B. %1; ersetzt die Region</translation>
    </message>
    <message>
        <source>Custom &amp;base URL:</source>
        <translation>Eigene Basis-UR&amp;L:</translation>
    </message>
    <message>
        <source>Connected: the key may list customer accounts (1 found).</source>
        <translation>Verbunden: Der Schlüssel darf Kundenkonten auflisten (1 gefunden).</translation>
    </message>
    <message>
        <source>Connected: the key may list customer accounts (%1 found).</source>
        <translation>Verbunden: Der Schlüssel darf Kundenkonten auflisten (%1 gefunden).</translation>
    </message>
    <message>
        <source>Connected: the key may list subusers (1 found).</source>
        <translation>Verbunden: Der Schlüssel darf Subuser auflisten (1 gefunden).</translation>
    </message>
    <message>
        <source>Connected: the key may list subusers (%1 found).</source>
        <translation>Verbunden: Der Schlüssel darf Subuser auflisten (%1 gefunden).</translation>
    </message>
    <message>
        <source>It may read the suppression lists.</source>
        <translation>Er darf die Unterdrückungslisten lesen.</translation>
    </message>
    <message>
        <source>It may not read the suppression lists: %1</source>
        <translation>Er darf die Unterdrückungslisten nicht lesen: %1</translation>
    </message>
    <message>
        <source>Reading a suppression list failed: %1</source>
        <translation>Das Lesen einer Unterdrückungsliste ist fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>ConnectionStore</name>
    <message>
        <source>No system keychain is available: the API key is kept for this session only.</source>
        <translation>Es ist kein Schlüsselbund des Systems verfügbar: Der API-Schlüssel wird nur für diese Sitzung aufbewahrt.</translation>
    </message>
</context>
<context>
    <name>CsvWriter</name>
    <message>
        <source>Could not export to &quot;%1&quot;: %2.</source>
        <translation>Export nach „%1“ fehlgeschlagen: %2.</translation>
    </message>
</context>
<context>
    <name>CustomerPicker</name>
    <message>
        <source>Inactive</source>
        <translation>Inaktiv</translation>
    </message>
    <message>
        <source>Recently used</source>
        <translation>Zuletzt verwendet</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Type part of a customer&apos;s username, name or email</source>
        <translation>Einen Teil von Benutzername, Name oder E-Mail-Adresse des Kunden eingeben</translation>
    </message>
    <message>
        <source>Customer username, name or email</source>
        <translation>Benutzername, Name oder E-Mail-Adresse des Kunden</translation>
    </message>
    <message>
        <source>Reload the customer list</source>
        <translation>Kundenliste neu laden</translation>
    </message>
    <message>
        <source>Loading customers…</source>
        <translation>Kunden werden geladen…</translation>
    </message>
    <message>
        <source>Reload Customers</source>
        <translation>Kunden neu laden</translation>
    </message>
    <message>
        <source>EU</source>
        <translation>EU</translation>
    </message>
    <message>
        <source>Global</source>
        <translation>Global</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>deaktiviert</translation>
    </message>
    <message>
        <source>This account</source>
        <translation>Dieses Konto</translation>
    </message>
</context>
<context>
    <name>DateFilterEdit</name>
    <message>
        <source>any</source>
        <translation>beliebig</translation>
    </message>
    <message>
        <source>A day as yyyy-mm-dd; empty means any</source>
        <translation>Ein Tag als JJJJ-MM-TT; leer heißt beliebig</translation>
    </message>
    <message>
        <source>Pick a day, or the last 7, 30 or 90 days</source>
        <translation>Einen Tag wählen oder die letzten 7, 30 oder 90 Tage</translation>
    </message>
    <message>
        <source>Open the calendar</source>
        <translation>Kalender öffnen</translation>
    </message>
    <message numerus="yes">
        <source>Last %n days</source>
        <translation>
            <numerusform>Letzter %n Tag</numerusform>
            <numerusform>Letzte %n Tage</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DeleteConfirmation</name>
    <message>
        <source>The recipient asked to receive mail again</source>
        <translation>Der Empfänger hat gebeten, wieder E-Mails zu erhalten</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
</context>
<context>
    <name>DeleteController</name>
    <message>
        <source>Delete 1 bounce of customer %1?</source>
        <translation>1 Bounce des Kunden %1 löschen?</translation>
    </message>
    <message>
        <source>SendGrid will deliver mail to these addresses again. This cannot be undone.</source>
        <translation>SendGrid stellt wieder E-Mails an diese Adressen zu. Das lässt sich nicht rückgängig machen.</translation>
    </message>
    <message>
        <source>Delete Bounces</source>
        <translation>Bounces löschen</translation>
    </message>
    <message>
        <source>Deletes Still Running</source>
        <translation>Löschvorgänge laufen noch</translation>
    </message>
    <message>
        <source>Deletes are still running for %1. Quit anyway?

Requests already sent may still delete their addresses; the rest are not sent.</source>
        <translation>Für %1 laufen noch Löschvorgänge. Trotzdem beenden?

Bereits gesendete Anfragen können ihre Adressen noch löschen; die übrigen werden nicht mehr gesendet.</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>1 address deleted for %1.</source>
        <translation>1 Adresse für %1 gelöscht.</translation>
    </message>
    <message>
        <source>• %1 (1 address)</source>
        <translation>• %1 (1 Adresse)</translation>
    </message>
    <message numerus="yes">
        <source>Delete %Ln bounces of customer %1?</source>
        <translation>
            <numerusform>%Ln Bounce des Kunden %1 löschen?</numerusform>
            <numerusform>%Ln Bounces des Kunden %1 löschen?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>…and %Ln more</source>
        <translation>
            <numerusform>…und %Ln weitere</numerusform>
            <numerusform>…und %Ln weitere</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>• %1 (%Ln addresses)</source>
        <translation>
            <numerusform>• %1 (%Ln Adresse)</numerusform>
            <numerusform>• %1 (%Ln Adressen)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln could not be deleted and stay in the table, marked:</source>
        <translation>
            <numerusform>%Ln konnte nicht gelöscht werden und bleibt markiert in der Tabelle:</numerusform>
            <numerusform>%Ln konnten nicht gelöscht werden und bleiben markiert in der Tabelle:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln got no answer that confirms it: the delete may or may not have happened, and trying again is safe.</source>
        <translation>
            <numerusform>%Ln blieb ohne bestätigende Antwort: Ob gelöscht wurde, ist unklar; ein erneuter Versuch ist unbedenklich.</numerusform>
            <numerusform>%Ln blieben ohne bestätigende Antwort: Ob gelöscht wurde, ist unklar; ein erneuter Versuch ist unbedenklich.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln not sent because the deletes were cancelled.</source>
        <translation>
            <numerusform>%Ln wurde nicht gesendet, weil das Löschen abgebrochen wurde.</numerusform>
            <numerusform>%Ln wurden nicht gesendet, weil das Löschen abgebrochen wurde.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln addresses deleted for %1.</source>
        <translation>
            <numerusform>%Ln Adresse für %1 gelöscht.</numerusform>
            <numerusform>%Ln Adressen für %1 gelöscht.</numerusform>
        </translation>
    </message>
    <message>
        <source>Deleted, but not recorded: %1</source>
        <translation>Gelöscht, aber nicht protokolliert: %1</translation>
    </message>
    <message>
        <source>Deleting stopped: %1 Nothing more was sent.</source>
        <translation>Löschen angehalten: %1 Es wurde nichts mehr gesendet.</translation>
    </message>
    <message>
        <source>Nothing was deleted (every delete is recorded first). %1</source>
        <translation>Nichts wurde gelöscht (jedes Löschen wird zuerst protokolliert). %1</translation>
    </message>
    <message>
        <source>The connection changed before the server answered.</source>
        <translation>Die Verbindung wurde geändert, bevor der Server antwortete.</translation>
    </message>
    <message>
        <source>Delete 1 row of customer %1 from %2?</source>
        <translation>1 Zeile des Kunden %1 aus %2 löschen?</translation>
    </message>
    <message numerus="yes">
        <source>Delete %Ln rows of customer %1 from %2?</source>
        <translation>
            <numerusform>%Ln Zeile des Kunden %1 aus %2 löschen?</numerusform>
            <numerusform>%Ln Zeilen des Kunden %1 aus %2 löschen?</numerusform>
        </translation>
    </message>
    <message>
        <source>SendGrid asks that these be removed only when the recipient asked to receive mail again.</source>
        <translation>SendGrid bittet, diese nur zu entfernen, wenn der Empfänger gebeten hat, wieder E-Mails zu erhalten.</translation>
    </message>
    <message>
        <source>Delete from %1</source>
        <translation>Aus %1 löschen</translation>
    </message>
    <message numerus="yes">
        <source>Delete %Ln rows of customer %1 from several lists?</source>
        <translation>
            <numerusform>%Ln Zeile des Kunden %1 aus mehreren Listen löschen?</numerusform>
            <numerusform>%Ln Zeilen des Kunden %1 aus mehreren Listen löschen?</numerusform>
        </translation>
    </message>
    <message>
        <source>Each address leaves only the group of its row; its other groups keep it.</source>
        <translation>Jede Adresse verlässt nur die Gruppe ihrer Zeile; in ihren anderen Gruppen bleibt sie.</translation>
    </message>
    <message>
        <source>%1 (group %2)</source>
        <translation>%1 (Gruppe %2)</translation>
    </message>
</context>
<context>
    <name>DeletionHistoryDialog</name>
    <message>
        <source>&amp;Since (UTC):</source>
        <translation>&amp;Seit (UTC):</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exportieren…</translation>
    </message>
    <message>
        <source>Deletion History</source>
        <translation>Löschprotokoll</translation>
    </message>
    <message>
        <source>any customer</source>
        <translation>jeder Kunde</translation>
    </message>
    <message>
        <source>any address</source>
        <translation>jede Adresse</translation>
    </message>
    <message>
        <source>&amp;Customer:</source>
        <translation>&amp;Kunde:</translation>
    </message>
    <message>
        <source>E&amp;mail:</source>
        <translation>E-&amp;Mail:</translation>
    </message>
    <message>
        <source>Time (UTC)</source>
        <translation>Zeit (UTC)</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>API</source>
        <translation>API</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>List</source>
        <translation>Liste</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Detail</translation>
    </message>
    <message>
        <source>&amp;Reload</source>
        <translation>&amp;Neu laden</translation>
    </message>
    <message>
        <source>1 delete shown.</source>
        <translation>1 Löschung angezeigt.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln deletes shown.</source>
        <translation>
            <numerusform>%Ln Löschung angezeigt.</numerusform>
            <numerusform>%Ln Löschungen angezeigt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln lines of the record are not deletion entries and were skipped.</source>
        <translation>
            <numerusform>%Ln Zeile des Protokolls ist kein Löscheintrag und wurde übersprungen.</numerusform>
            <numerusform>%Ln Zeilen des Protokolls sind keine Löscheinträge und wurden übersprungen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Record: %1</source>
        <translation>Protokoll: %1</translation>
    </message>
    <message>
        <source>Could not export to &quot;%1&quot;: %2.</source>
        <translation>Export nach „%1“ fehlgeschlagen: %2.</translation>
    </message>
    <message>
        <source>Export Deletion History</source>
        <translation>Löschprotokoll exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln deletes to %1.</source>
        <translation>
            <numerusform>%Ln Löschung nach %1 exportiert.</numerusform>
            <numerusform>%Ln Löschungen nach %1 exportiert.</numerusform>
        </translation>
    </message>
    <message>
        <source>Export Failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>DesktopSession</name>
    <message>
        <source>Not connected yet. Enter your SendGrid reseller credentials, or try the demo.</source>
        <translation>Noch nicht verbunden. Geben Sie Ihre SendGrid-Reseller-Zugangsdaten ein oder probieren Sie die Demo aus.</translation>
    </message>
    <message>
        <source>The API key is not in the keychain. Enter it in the connection settings.</source>
        <translation>Der API-Schlüssel ist nicht im Schlüsselbund. Geben Sie ihn in den Verbindungseinstellungen ein.</translation>
    </message>
    <message>
        <source>The demo server could not start: %1</source>
        <translation>Der Demo-Server konnte nicht starten: %1</translation>
    </message>
    <message>
        <source>Review, delete and export SendGrid bounces.</source>
        <translation>SendGrid-Bounces prüfen, löschen und exportieren.</translation>
    </message>
    <message>
        <source>Open connected to a built-in demo server.</source>
        <translation>Mit dem eingebauten Demo-Server verbunden starten.</translation>
    </message>
</context>
<context>
    <name>ErrorBanner</name>
    <message>
        <source>Error message</source>
        <translation>Fehlermeldung</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Dismiss the error message</source>
        <translation>Fehlermeldung schließen</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>&amp;Erneut versuchen</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>Hinweis</translation>
    </message>
</context>
<context>
    <name>ExportController</name>
    <message>
        <source>Export options</source>
        <translation>Exportoptionen</translation>
    </message>
    <message>
        <source>All rows shown, in the order shown (%1)</source>
        <translation>Alle angezeigten Zeilen in der angezeigten Reihenfolge (%1)</translation>
    </message>
    <message>
        <source>Only the selected rows (%1)</source>
        <translation>Nur die ausgewählten Zeilen (%1)</translation>
    </message>
    <message>
        <source>Start with a byte-order mark (for Excel)</source>
        <translation>Mit Byte-Order-Mark beginnen (für Excel)</translation>
    </message>
    <message>
        <source>Write cells raw, without protection against spreadsheet formulas</source>
        <translation>Zellen unverändert schreiben, ohne Schutz vor Tabellenkalkulationsformeln</translation>
    </message>
    <message>
        <source>1 row</source>
        <translation>1 Zeile</translation>
    </message>
    <message>
        <source>%1 rows</source>
        <translation>%1 Zeilen</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV-Dateien (*.csv);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Export Failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
        <source>Export %1</source>
        <translation>%1 exportieren</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>Filter by address, reason or status (Ctrl+F)</source>
        <translation>Nach Adresse, Grund oder Status filtern (Strg+F)</translation>
    </message>
    <message>
        <source>Filter text</source>
        <translation>Filtertext</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>Alle Typen</translation>
    </message>
    <message>
        <source>Hard bounces</source>
        <translation>Harte Bounces</translation>
    </message>
    <message>
        <source>Soft bounces</source>
        <translation>Weiche Bounces</translation>
    </message>
    <message>
        <source>Bounce type</source>
        <translation>Bounce-Typ</translation>
    </message>
    <message>
        <source>Created from</source>
        <translation>Erstellt ab</translation>
    </message>
    <message>
        <source>Created until</source>
        <translation>Erstellt bis</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <source>Show all rows again</source>
        <translation>Wieder alle Zeilen anzeigen</translation>
    </message>
    <message>
        <source>Clear the filter</source>
        <translation>Filter zurücksetzen</translation>
    </message>
    <message>
        <source>&amp;to</source>
        <translation>b&amp;is</translation>
    </message>
    <message>
        <source>T&amp;ype</source>
        <translation>&amp;Typ</translation>
    </message>
    <message>
        <source>Created fro&amp;m</source>
        <translation>Erstellt &amp;ab</translation>
    </message>
    <message>
        <source>Earliest created day (yyyy-mm-dd); empty leaves it open</source>
        <translation>Frühester Erstellungstag (JJJJ-MM-TT); leer lässt ihn offen</translation>
    </message>
    <message>
        <source>Latest created day (yyyy-mm-dd); empty leaves it open</source>
        <translation>Spätester Erstellungstag (JJJJ-MM-TT); leer lässt ihn offen</translation>
    </message>
    <message>
        <source>Cl&amp;ass</source>
        <translation>Kla&amp;sse</translation>
    </message>
    <message>
        <source>All classes</source>
        <translation>Alle Klassen</translation>
    </message>
    <message>
        <source>Bounce class</source>
        <translation>Bounce-Klasse</translation>
    </message>
    <message>
        <source>The class BounceDesk derives from the status and the reason</source>
        <translation>Die Klasse, die BounceDesk aus Status und Grund ableitet</translation>
    </message>
    <message>
        <source>Filter by the columns shown (Ctrl+F)</source>
        <translation>Nach den angezeigten Spalten filtern (Strg+F)</translation>
    </message>
</context>
<context>
    <name>FindAddressDialog</name>
    <message>
        <source>&amp;Search</source>
        <translation>&amp;Suchen</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Löschen…</translation>
    </message>
    <message>
        <source>Find Address</source>
        <translation>Adresse suchen</translation>
    </message>
    <message>
        <source>anna@example.com, or @example.com for a whole domain</source>
        <translation>anna@example.com, oder @example.com für eine ganze Domain</translation>
    </message>
    <message>
        <source>Address or @domain</source>
        <translation>Adresse oder @Domain</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>&amp;Adresse:</translation>
    </message>
    <message>
        <source>Where the address was found</source>
        <translation>Wo die Adresse gefunden wurde</translation>
    </message>
    <message>
        <source>Not searched</source>
        <translation>Nicht durchsucht</translation>
    </message>
    <message>
        <source>Delete the selected rows so SendGrid delivers to them again (Del)</source>
        <translation>Die ausgewählten Zeilen löschen, damit SendGrid wieder an sie zustellt (Entf)</translation>
    </message>
    <message>
        <source>The server asked to wait: going on in %1 s.</source>
        <translation>Der Server bat zu warten: weiter in %1 s.</translation>
    </message>
    <message>
        <source>Not connected: set up the connection first.</source>
        <translation>Nicht verbunden: Richten Sie zuerst die Verbindung ein.</translation>
    </message>
    <message>
        <source>Type an address (anna@example.com) or @ and a domain (@example.com).</source>
        <translation>Geben Sie eine Adresse (anna@example.com) oder @ und eine Domain (@example.com) ein.</translation>
    </message>
    <message>
        <source>Wait for the deletes to end (or press Esc) before searching again.</source>
        <translation>Warten Sie, bis das Löschen endet (oder drücken Sie Esc), bevor Sie erneut suchen.</translation>
    </message>
    <message>
        <source>Not searched: %1</source>
        <translation>Nicht durchsucht: %1</translation>
    </message>
    <message>
        <source>1 row found.</source>
        <translation>1 Zeile gefunden.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln rows found.</source>
        <translation>
            <numerusform>%Ln Zeile gefunden.</numerusform>
            <numerusform>%Ln Zeilen gefunden.</numerusform>
        </translation>
    </message>
    <message>
        <source>Type an address, or @ and a domain, and press Enter.</source>
        <translation>Geben Sie eine Adresse oder @ und eine Domain ein und drücken Sie Enter.</translation>
    </message>
    <message>
        <source>Listing the customers…</source>
        <translation>Die Kunden werden aufgelistet…</translation>
    </message>
    <message>
        <source>%1 of %2 customers searched</source>
        <translation>%1 von %2 Kunden durchsucht</translation>
    </message>
    <message>
        <source>Search cancelled: not every customer and list was searched.</source>
        <translation>Suche abgebrochen: Nicht jeder Kunde und jede Liste wurde durchsucht.</translation>
    </message>
    <message>
        <source>Search complete: every customer and list was searched.</source>
        <translation>Suche vollständig: Jeder Kunde und jede Liste wurde durchsucht.</translation>
    </message>
    <message>
        <source>Search incomplete: 1 customer or list could not be searched (below); the address may be there too.</source>
        <translation>Suche unvollständig: 1 Kunde oder 1 Liste konnte nicht durchsucht werden (unten); die Adresse kann auch dort sein.</translation>
    </message>
    <message numerus="yes">
        <source>Search incomplete: %Ln customers or lists could not be searched (below); the address may be there too.</source>
        <translation>
            <numerusform>Suche unvollständig: %Ln Kunde oder Liste konnte nicht durchsucht werden (unten); die Adresse kann auch dort sein.</numerusform>
            <numerusform>Suche unvollständig: %Ln Kunden oder Listen konnten nicht durchsucht werden (unten); die Adresse kann auch dort sein.</numerusform>
        </translation>
    </message>
    <message>
        <source>Deleting…</source>
        <translation>Wird gelöscht…</translation>
    </message>
    <message>
        <source>Delete Found Rows</source>
        <translation>Gefundene Zeilen löschen</translation>
    </message>
    <message>
        <source>Nothing was deleted (every delete is recorded first). %1</source>
        <translation>Nichts wurde gelöscht (jedes Löschen wird zuerst protokolliert). %1</translation>
    </message>
    <message>
        <source>Deleted, but not recorded: %1</source>
        <translation>Gelöscht, aber nicht protokolliert: %1</translation>
    </message>
    <message>
        <source>Not recorded: %1</source>
        <translation>Nicht protokolliert: %1</translation>
    </message>
    <message>
        <source>cancelled before an answer confirmed it; deleting again is safe</source>
        <translation>abgebrochen, bevor eine Antwort es bestätigte; erneutes Löschen ist unbedenklich</translation>
    </message>
    <message>
        <source>no answer was reported; the outcome is unknown, deleting again is safe</source>
        <translation>keine Antwort gemeldet; das Ergebnis ist unbekannt, erneutes Löschen ist unbedenklich</translation>
    </message>
    <message>
        <source>Deleting stopped: %1 Nothing more was sent.</source>
        <translation>Löschen angehalten: %1 Es wurde nichts mehr gesendet.</translation>
    </message>
    <message>
        <source>1 address deleted.</source>
        <translation>1 Adresse gelöscht.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln addresses deleted.</source>
        <translation>
            <numerusform>%Ln Adresse gelöscht.</numerusform>
            <numerusform>%Ln Adressen gelöscht.</numerusform>
        </translation>
    </message>
    <message>
        <source>1 could not be deleted and stays, marked with its reason.</source>
        <translation>1 konnte nicht gelöscht werden und bleibt, mit ihrem Grund markiert.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln could not be deleted and stay, marked with their reasons.</source>
        <translation>
            <numerusform>%Ln konnte nicht gelöscht werden und bleibt, mit ihrem Grund markiert.</numerusform>
            <numerusform>%Ln konnten nicht gelöscht werden und bleiben, mit ihren Gründen markiert.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, %2, group %3</source>
        <translation>%1, %2, Gruppe %3</translation>
    </message>
</context>
<context>
    <name>FindResultsModel</name>
    <message>
        <source>(parent account)</source>
        <translation>(Hauptkonto)</translation>
    </message>
    <message>
        <source>Not deleted: %1</source>
        <translation>Nicht gelöscht: %1</translation>
    </message>
    <message>
        <source>Delete not confirmed: %1</source>
        <translation>Löschen nicht bestätigt: %1</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>List</source>
        <translation>Liste</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
</context>
<context>
    <name>ListTabs</name>
    <message>
        <source>%1 (%L2)</source>
        <translation>%1 (%L2)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Ctrl+,</source>
        <translation>Ctrl+,</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exportieren…</translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <source>Export &amp;Selection…</source>
        <translation>Auswahl e&amp;xportieren…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+E</source>
        <translation>Ctrl+Shift+E</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Löschen…</translation>
    </message>
    <message>
        <source>&amp;Filter…</source>
        <translation>&amp;Filtern…</translation>
    </message>
    <message>
        <source>Choose &amp;Customer…</source>
        <translation>&amp;Kunde wählen…</translation>
    </message>
    <message>
        <source>Ctrl+L</source>
        <translation>Ctrl+L</translation>
    </message>
    <message>
        <source>&amp;About BounceDesk</source>
        <translation>&amp;Über BounceDesk</translation>
    </message>
    <message>
        <source>Save the rows shown as CSV (Ctrl+E)</source>
        <translation>Die angezeigten Zeilen als CSV speichern (Strg+E)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Hauptwerkzeugleiste</translation>
    </message>
    <message>
        <source>C&amp;ustomer:</source>
        <translation>&amp;Kunde:</translation>
    </message>
    <message>
        <source>Loading the bounces of %1 was cancelled.</source>
        <translation>Das Laden der Bounces von %1 wurde abgebrochen.</translation>
    </message>
    <message>
        <source>Exported %1 to %2</source>
        <translation>%1 nach %2 exportiert</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>Could not load the bounces of %1. %2</source>
        <translation>Die Bounces von %1 konnten nicht geladen werden. %2</translation>
    </message>
    <message>
        <source>Could not list the customers. %1</source>
        <translation>Die Kundenliste konnte nicht abgerufen werden. %1</translation>
    </message>
    <message>
        <source>&amp;Retry Failed Deletes</source>
        <translation>Fehlgeschlagene Löschvorgänge &amp;wiederholen</translation>
    </message>
    <message>
        <source>Not connected. Open File › Connection Settings, or try the demo.</source>
        <translation>Nicht verbunden. Öffnen Sie Datei › Verbindungseinstellungen oder probieren Sie die Demo aus.</translation>
    </message>
    <message>
        <source>Choose a customer above (Ctrl+L) to see their bounces.</source>
        <translation>Wählen Sie oben einen Kunden (Strg+L), um dessen Bounces zu sehen.</translation>
    </message>
    <message>
        <source>Loading the bounces of %1…</source>
        <translation>Die Bounces von %1 werden geladen…</translation>
    </message>
    <message>
        <source>%1 has no bounces.</source>
        <translation>%1 hat keine Bounces.</translation>
    </message>
    <message>
        <source>BounceDesk</source>
        <translation>BounceDesk</translation>
    </message>
    <message>
        <source>%1 — BounceDesk</source>
        <translation>%1 — BounceDesk</translation>
    </message>
    <message>
        <source>%1 (demo)</source>
        <translation>%1 (Demo)</translation>
    </message>
    <message>
        <source>Loading %1… %2 rows</source>
        <translation>%1 wird geladen… %2 Zeilen</translation>
    </message>
    <message>
        <source>Deleting… %1 of %2</source>
        <translation>Wird gelöscht… %1 von %2</translation>
    </message>
    <message>
        <source>About BounceDesk</source>
        <translation>Über BounceDesk</translation>
    </message>
    <message>
        <source>BounceDesk %1
Review, delete and export the bounces of SendGrid reseller customers.</source>
        <translation>BounceDesk %1
Bounces von SendGrid-Reseller-Kunden prüfen, löschen und exportieren.</translation>
    </message>
    <message>
        <source>Connection Se&amp;ttings…</source>
        <translation>&amp;Verbindungseinstellungen…</translation>
    </message>
    <message>
        <source>Ca&amp;ncel</source>
        <translation>Abb&amp;rechen</translation>
    </message>
    <message>
        <source>The server asked to wait: trying again in %1 s (attempt %2 of %3).</source>
        <translation>Der Server bittet zu warten: neuer Versuch in %1 s (Versuch %2 von %3).</translation>
    </message>
    <message>
        <source>Try A&amp;gain</source>
        <translation>Erneut &amp;versuchen</translation>
    </message>
    <message>
        <source>&amp;Clear the Filter</source>
        <translation>Filter &amp;leeren</translation>
    </message>
    <message>
        <source>Stop loading, deleting or exporting (Esc)</source>
        <translation>Laden, Löschen oder Exportieren abbrechen (Esc)</translation>
    </message>
    <message>
        <source>Export cancelled: nothing was written to %1.</source>
        <translation>Export abgebrochen: Nach %1 wurde nichts geschrieben.</translation>
    </message>
    <message>
        <source>%1 Trying again (attempt %2 of %3).</source>
        <translation>%1 Neuer Versuch (Versuch %2 von %3).</translation>
    </message>
    <message>
        <source>Could not load the bounces of %1.
%2</source>
        <translation>Die Bounces von %1 konnten nicht geladen werden.
%2</translation>
    </message>
    <message>
        <source>No bounces match the filter: 0 of %1 shown.</source>
        <translation>Keine Bounces passen zum Filter: 0 von %1 angezeigt.</translation>
    </message>
    <message>
        <source>Exporting… %1 of %2 rows</source>
        <translation>Wird exportiert… %1 von %2 Zeilen</translation>
    </message>
    <message>
        <source>Deletion &amp;History…</source>
        <translation>&amp;Löschprotokoll…</translation>
    </message>
    <message>
        <source>T&amp;ools</source>
        <translation>E&amp;xtras</translation>
    </message>
    <message>
        <source>The server&apos;s rate limit is spent: waiting %1 s for it to reset.</source>
        <translation>Das Anfragelimit des Servers ist aufgebraucht: %1 s Warten, bis es zurückgesetzt wird.</translation>
    </message>
    <message>
        <source>Find &amp;Address…</source>
        <translation>&amp;Adresse suchen…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+F</source>
        <translation>Ctrl+Shift+F</translation>
    </message>
    <message>
        <source>Find an address on every list of every customer (Ctrl+Shift+F)</source>
        <translation>Eine Adresse auf jeder Liste jedes Kunden suchen (Strg+Umschalt+F)</translation>
    </message>
    <message>
        <source>Find address everywhere…</source>
        <translation>Adresse überall suchen…</translation>
    </message>
    <message>
        <source>Find address everywhere</source>
        <translation>Adresse überall suchen</translation>
    </message>
    <message>
        <source>Loading %1 of %2 was cancelled.</source>
        <translation>Das Laden von %1 von %2 wurde abgebrochen.</translation>
    </message>
    <message>
        <source>Could not load %1 of %2. %3</source>
        <translation>%1 von %2 konnte nicht geladen werden. %3</translation>
    </message>
    <message>
        <source>Loading %1 of %2…</source>
        <translation>%1 von %2 wird geladen…</translation>
    </message>
    <message>
        <source>Could not load %1 of %2.
%3</source>
        <translation>%1 von %2 konnte nicht geladen werden.
%3</translation>
    </message>
    <message>
        <source>%1 of %2 is empty.</source>
        <translation>%1 von %2 ist leer.</translation>
    </message>
    <message>
        <source>No rows match the filter: 0 of %1 shown.</source>
        <translation>Keine Zeilen passen zum Filter: 0 von %1 angezeigt.</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>A&amp;nsicht</translation>
    </message>
    <message>
        <source>&amp;Refresh %1</source>
        <translation>%1 &amp;aktualisieren</translation>
    </message>
    <message>
        <source>Load %1 of this customer again (F5)</source>
        <translation>%1 dieses Kunden neu laden (F5)</translation>
    </message>
    <message>
        <source>Delete the selected rows from %1 so SendGrid delivers to them again (Del)</source>
        <translation>Die ausgewählten Zeilen aus %1 löschen, damit SendGrid wieder an sie zustellt (Entf)</translation>
    </message>
    <message>
        <source>Choose a customer above (Ctrl+L) to see their %1.</source>
        <translation>Wählen Sie oben einen Kunden (Strg+L), um dessen %1 zu sehen.</translation>
    </message>
    <message>
        <source>Customer list: %1.</source>
        <translation>Kundenliste: %1.</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>No key is saved in the system keychain for this user.</source>
        <translation>Für diesen Benutzer ist kein Schlüssel im Schlüsselbund des Systems gespeichert.</translation>
    </message>
    <message>
        <source>Access to the system keychain was denied.</source>
        <translation>Der Zugriff auf den Schlüsselbund des Systems wurde verweigert.</translation>
    </message>
    <message>
        <source>The key could not be removed from the system keychain.</source>
        <translation>Der Schlüssel konnte nicht aus dem Schlüsselbund des Systems entfernt werden.</translation>
    </message>
    <message>
        <source>No system keychain service is available.</source>
        <translation>Es ist kein Schlüsselbund-Dienst des Systems verfügbar.</translation>
    </message>
</context>
<context>
    <name>StatusPanel</name>
    <message>
        <source>Activity</source>
        <translation>Aktivität</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>Row counts</source>
        <translation>Zeilenanzahl</translation>
    </message>
    <message>
        <source>Loaded at</source>
        <translation>Geladen um</translation>
    </message>
    <message>
        <source>Total: %1   Shown: %2   Selected: %3</source>
        <translation>Gesamt: %1   Angezeigt: %2   Ausgewählt: %3</translation>
    </message>
    <message>
        <source>Loaded at %1</source>
        <translation>Geladen um %1</translation>
    </message>
</context>
<context>
    <name>SuppressionList</name>
    <message>
        <source>Bounces</source>
        <translation>Bounces</translation>
    </message>
    <message>
        <source>Blocks</source>
        <translation>Blockierungen</translation>
    </message>
    <message>
        <source>Invalid emails</source>
        <translation>Ungültige Adressen</translation>
    </message>
    <message>
        <source>Spam reports</source>
        <translation>Spam-Meldungen</translation>
    </message>
    <message>
        <source>Group unsubscribes</source>
        <translation>Gruppen-Abmeldungen</translation>
    </message>
    <message>
        <source>Global unsubscribes</source>
        <translation>Globale Abmeldungen</translation>
    </message>
</context>
<context>
    <name>TimelineView</name>
    <message>
        <source>Show &amp;Timeline</source>
        <translation>&amp;Zeitleiste zeigen</translation>
    </message>
    <message>
        <source>Show or hide the bounces per day above the table</source>
        <translation>Die Bounces pro Tag über der Tabelle zeigen oder ausblenden</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Zeitleiste</translation>
    </message>
    <message>
        <source>Show timeline</source>
        <translation>Zeitleiste zeigen</translation>
    </message>
    <message>
        <source>Whole List</source>
        <translation>Ganze Liste</translation>
    </message>
    <message>
        <source>Show the timeline of the whole list again</source>
        <translation>Die Zeitleiste wieder über die ganze Liste zeigen</translation>
    </message>
    <message>
        <source>Bounces per day</source>
        <translation>Bounces pro Tag</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 bis %2</translation>
    </message>
    <message>
        <source>Counting the rows per day…</source>
        <translation>Die Zeilen pro Tag werden gezählt…</translation>
    </message>
    <message>
        <source>No rows to show per day.</source>
        <translation>Keine Zeilen, die pro Tag zu zeigen wären.</translation>
    </message>
    <message>
        <source>None of the rows the filter shows has a created date.</source>
        <translation>Keine der Zeilen, die der Filter zeigt, hat ein Erstellungsdatum.</translation>
    </message>
    <message>
        <source>No rows to show per day: the filter hides every row.</source>
        <translation>Keine Zeilen pro Tag zu zeigen: Der Filter blendet alle Zeilen aus.</translation>
    </message>
    <message>
        <source>; %1 without a created date</source>
        <translation>; %1 ohne Erstellungsdatum</translation>
    </message>
    <message>
        <source> (classes derived by BounceDesk)</source>
        <translation> (Klassen von BounceDesk abgeleitet)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Click a bar, or pick one with the arrow keys and Enter, to filter the table to its days</source>
        <translation>Ein Klick auf einen Balken (oder die Pfeiltasten und Enter) filtert die Tabelle auf seine Tage</translation>
    </message>
    <message>
        <source>1 row per day, %1</source>
        <translation>1 Zeile pro Tag, %1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln rows per day, %1</source>
        <translation>
            <numerusform>%Ln Zeile pro Tag, %1</numerusform>
            <numerusform>%Ln Zeilen pro Tag, %1</numerusform>
        </translation>
    </message>
    <message>
        <source>1 row per week (from Monday), %1</source>
        <translation>1 Zeile pro Woche (ab Montag), %1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln rows per week (from Monday), %1</source>
        <translation>
            <numerusform>%Ln Zeile pro Woche (ab Montag), %1</numerusform>
            <numerusform>%Ln Zeilen pro Woche (ab Montag), %1</numerusform>
        </translation>
    </message>
    <message>
        <source>1 row per month, %1</source>
        <translation>1 Zeile pro Monat, %1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln rows per month, %1</source>
        <translation>
            <numerusform>%Ln Zeile pro Monat, %1</numerusform>
            <numerusform>%Ln Zeilen pro Monat, %1</numerusform>
        </translation>
    </message>
    <message>
        <source>1 row per year, %1</source>
        <translation>1 Zeile pro Jahr, %1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln rows per year, %1</source>
        <translation>
            <numerusform>%Ln Zeile pro Jahr, %1</numerusform>
            <numerusform>%Ln Zeilen pro Jahr, %1</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: 1 row</source>
        <translation>%1: 1 Zeile</translation>
    </message>
    <message numerus="yes">
        <source>%1: %Ln rows</source>
        <translation>
            <numerusform>%1: %Ln Zeile</numerusform>
            <numerusform>%1: %Ln Zeilen</numerusform>
        </translation>
    </message>
</context>
</TS>

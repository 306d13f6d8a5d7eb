<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="de_DE">
<context>
    <name>Detail</name>
    <message>
        <location filename="../widgets/detailtext.cpp" line="21" />
        <source>COMMITTED</source>
        <translation>FESTGESCHRIEBEN</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="22" />
        <source>ABORTED</source>
        <translation>ABGEBROCHEN</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="23" />
        <source>RELEASED</source>
        <translation>FREIGEGEBEN</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="24" />
        <source>RELEASING</source>
        <translation>WIRD FREIGEGEBEN</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="25" />
        <source>PENDING</source>
        <translation>AUSSTEHEND</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="26" />
        <source>PREPARING</source>
        <translation>BEREITET VOR</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="27" />
        <source>COMMITTING</source>
        <translation>WIRD FESTGESCHRIEBEN</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="28" />
        <source>ABORTING</source>
        <translation>WIRD ABGEBROCHEN</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="29" />
        <source>PRECOMMITTED</source>
        <translation>VORFESTGESCHRIEBEN</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="30" />
        <source>PREPARED</source>
        <translation>VORBEREITET</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="31" />
        <source>ACTIVE</source>
        <translation>AKTIV</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="32" />
        <source>INVALID</source>
        <translation>UNGÜLTIG</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="33" />
        <source>UNKNOWN</source>
        <translation>UNBEKANNT</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="34" />
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="36" />
        <source>coordinator decided abort</source>
        <translation>Koordinator entschied Abbruch</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="37" />
        <source>coordinator restarted before deciding</source>
        <translation>Koordinator vor der Entscheidung neu gestartet</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="38" />
        <source>deadlock victim (youngest in the cycle)</source>
        <translation>Deadlock-Opfer (die jüngste im Zyklus)</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="39" />
        <source>injected abort (%1% of PREPAREs)</source>
        <translation>eingespeister Abbruch (%1 % der PREPAREs)</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="40" />
        <source>lock wait timed out</source>
        <translation>Warten auf die Sperre abgelaufen</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="41" />
        <source>no session manager leads</source>
        <translation>kein Session-Manager führt</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="42" />
        <source>termination: nobody pre-committed</source>
        <translation>Terminierung: niemand hat vorfestgeschrieben</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="43" />
        <source>termination: a participant pre-committed</source>
        <translation>Terminierung: ein Teilnehmer hat vorfestgeschrieben</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="44" />
        <source>timeout waiting for votes</source>
        <translation>Zeitüberschreitung beim Warten auf Stimmen</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="45" />
        <source>insufficient credit</source>
        <translation>Guthaben reicht nicht</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="46" />
        <source>cell %1 full</source>
        <translation>Zelle %1 voll</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="47" />
        <source>subscriber id must have 5 to 15 digits</source>
        <translation>Teilnehmerkennung muss 5 bis 15 Ziffern haben</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="48" />
        <source>subscriber id may contain digits only</source>
        <translation>Teilnehmerkennung darf nur Ziffern enthalten</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="49" />
        <source>traffic class must be VOICE or DATA</source>
        <translation>Verkehrsklasse muss VOICE oder DATA sein</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="50" />
        <source>protocol must be 2PC or 3PC</source>
        <translation>Protokoll muss 2PC oder 3PC sein</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="51" />
        <source>session duration must be whole lab milliseconds from 0 to %1</source>
        <translation>Sitzungsdauer muss aus ganzen Labor-Millisekunden von 0 bis %1 bestehen</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="53" />
        <source>tx PREPARING (intent logged)</source>
        <translation>Tx BEREITET VOR (Absicht protokolliert)</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="54" />
        <source>tx PRECOMMITTING (all voted YES)</source>
        <translation>Tx SCHREIBT VOR (alle stimmten JA)</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="55" />
        <source>tx %1</source>
        <translation>Tx %1</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="56" />
        <source>release %1</source>
        <translation>Freigabe %1</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="57" />
        <source>%1: asking again</source>
        <translation>%1: frage erneut</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="58" />
        <source>release of the session set up by tx %1 (it lasted %2 s)</source>
        <translation>Freigabe der von Tx %1 eingerichteten Sitzung (sie dauerte %2 s)</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="59" />
        <source>session already claimed by tx %1, committed: answering for it</source>
        <translation>Sitzung schon von Tx %1 beansprucht, festgeschrieben: antworte dafür</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="60" />
        <source>session already claimed by tx %1: not started</source>
        <translation>Sitzung schon von Tx %1 beansprucht: nicht begonnen</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="61" />
        <source>session already released by tx %1: answering for it</source>
        <translation>Sitzung schon von Tx %1 freigegeben: antworte dafür</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="62" />
        <source>session's release already claimed by tx %1: not started</source>
        <translation>Freigabe der Sitzung schon von Tx %1 beansprucht: nicht begonnen</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="63" />
        <source>session not claimed (dsm silent): not started</source>
        <translation>Sitzung nicht beansprucht (dsm stumm): nicht begonnen</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="64" />
        <source>session %1 read by %2 at v%3</source>
        <translation>Sitzung %1 gelesen von %2 bei v%3</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="65" />
        <source>%1 read by %2 at v%3</source>
        <translation>%1 gelesen von %2 bei v%3</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="66" />
        <source>recovered from the log: %1 transactions, %2 resumed</source>
        <translation>aus dem Protokoll wiederhergestellt: %1 Transaktionen, %2 fortgesetzt</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="67" />
        <source>recovered from the log: %1 records, %2 in doubt</source>
        <translation>aus dem Protokoll wiederhergestellt: %1 Einträge, %2 ungewiss</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="68" />
        <source>recovered %1 keys and %2 stream events from the log</source>
        <translation>%1 Schlüssel und %2 Stream-Ereignisse aus dem Protokoll wiederhergestellt</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="69" />
        <source>recovery could not reserve again: %1</source>
        <translation>Wiederherstellung konnte nicht erneut reservieren: %1</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="71" />
        <source>PREPARED, vote YES: %1</source>
        <translation>VORBEREITET, Stimme JA: %1</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="72" />
        <source>vote NO: %1</source>
        <translation>Stimme NEIN: %1</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="73" />
        <source>release %1 units in cell %2</source>
        <translation>%1 Einheiten in Zelle %2 freigeben</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="74" />
        <source>%1 units in cell %2</source>
        <translation>%1 Einheiten in Zelle %2</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="75" />
        <source>release: %1 credit from %2, %3 s</source>
        <translation>Freigabe: %1 Guthaben von %2, %3 s</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="76" />
        <source>%1 credit from %2</source>
        <translation>%1 Guthaben von %2</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="77" />
        <source>charging record: %1</source>
        <translation>Abrechnungssatz: %1</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="78" />
        <source>no units held for tx %1</source>
        <translation>keine Einheiten für Tx %1 gehalten</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="79" />
        <source>no charge held for tx %1</source>
        <translation>keine Belastung für Tx %1 gehalten</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="80" />
        <source>in doubt: asking the coordinator</source>
        <translation>ungewiss: frage den Koordinator</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="81" />
        <source>coordinator silent: termination protocol</source>
        <translation>Koordinator stumm: Terminierungsprotokoll</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="82" />
        <source>PREPARE dropped after its lock wait: stale fencing token %1</source>
        <translation>PREPARE nach dem Warten auf die Sperre verworfen: veraltetes Fencing-Token %1</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="84" />
        <source>accepted %1 session for %2</source>
        <translation>%1-Sitzung für %2 angenommen</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="85" />
        <source>session ended after %1 s: asking %2 to release it</source>
        <translation>Sitzung nach %1 s beendet: bitte %2 um Freigabe</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="86" />
        <source>asking %1 again to release the session (no answer yet)</source>
        <translation>bitte %1 erneut um Freigabe der Sitzung (noch keine Antwort)</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="87" />
        <source>asking %1 again to release the session (the last release ABORTED)</source>
        <translation>bitte %1 erneut um Freigabe der Sitzung (die letzte Freigabe ABGEBROCHEN)</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="89" />
        <source>asking %1 again (no answer yet)</source>
        <translation>frage %1 erneut (noch keine Antwort)</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="90" />
        <source>asking %1 again (was sent to %2)</source>
        <translation>frage %1 erneut (war an %2 gesendet)</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="91" />
        <source>redirected to %1 (not leader: %2)</source>
        <translation>umgeleitet zu %1 (nicht Leader: %2)</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="92" />
        <source>leader is now %1</source>
        <translation>Leader ist jetzt %1</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="93" />
        <source>edge watches %1</source>
        <translation>Edge beobachtet %1</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="95" />
        <source>became leader (fencing token %1)</source>
        <translation>wurde Leader (Fencing-Token %1)</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="96" />
        <source>lost leadership (fencing token %1)</source>
        <translation>Führung verloren (Fencing-Token %1)</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="97" />
        <source>%1 lease held, refused to %2 (v%3, token %4)</source>
        <translation>%1 Lease vergeben, %2 abgewiesen (v%3, Token %4)</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="98" />
        <source>%1 renewed by %2 (v%3, token %4)</source>
        <translation>%1 erneuert von %2 (v%3, Token %4)</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="99" />
        <source>%1 v%2→v%3 %4 by %5 token %6</source>
        <translation>%1 v%2→v%3 %4 durch %5 Token %6</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="100" />
        <source>%1 v%2→v%3 by %4</source>
        <translation>%1 v%2→v%3 durch %4</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="101" />
        <source>%1: conflict for %2 (at v%3)</source>
        <translation>%1: Konflikt für %2 (bei v%3)</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="102" />
        <source>stale fencing token %1 &lt; %2</source>
        <translation>veraltetes Fencing-Token %1 &lt; %2</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="103" />
        <source>%1 consumes group %2 (%3 pending)</source>
        <translation>%1 liest Gruppe %2 (%3 ausstehend)</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="104" />
        <source>gap in session stream: got %1 after %2</source>
        <translation>Lücke im Sitzungs-Stream: %1 nach %2 erhalten</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="106" />
        <source>deadlock: %1; found %2 ms after it formed</source>
        <translation>Deadlock: %1; %2 ms nach seiner Entstehung gefunden</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="107" />
        <source>%1 waits for %2</source>
        <translation>%1 wartet auf %2</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="108" />
        <source>victim: the youngest in the cycle</source>
        <translation>Opfer: die jüngste im Zyklus</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="109" />
        <source>victim: waited longer than %1 ms</source>
        <translation>Opfer: wartete länger als %1 ms</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="111" />
        <source>connected</source>
        <translation>verbunden</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="112" />
        <source>connect failed, retrying in %1 ms</source>
        <translation>Verbindung fehlgeschlagen, neuer Versuch in %1 ms</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="113" />
        <source>connection lost, reconnecting in %1 ms</source>
        <translation>Verbindung verloren, neu verbinden in %1 ms</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="114" />
        <source>dropped in flight: partition</source>
        <translation>unterwegs verloren: Partition</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="115" />
        <source>dropped: partition</source>
        <translation>verloren: Partition</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="116" />
        <source>dropped: loss</source>
        <translation>verloren: Verlust</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="117" />
        <source>dropped by hand (step mode)</source>
        <translation>von Hand verworfen (Schrittmodus)</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="119" />
        <source>%1 (%2 bytes)</source>
        <translation>%1 (%2 Bytes)</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="120" />
        <source>truncated</source>
        <translation>abgeschnitten</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="121" />
        <source>oversized</source>
        <translation>zu groß</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="122" />
        <source>bad-cbor</source>
        <translation>fehlerhaftes CBOR</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="123" />
        <source>trailing-garbage</source>
        <translation>Müll am Ende</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="124" />
        <source>unknown-type</source>
        <translation>unbekannter Typ</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="125" />
        <source>bad-version</source>
        <translation>falsche Version</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="126" />
        <source>wrong-receiver</source>
        <translation>falscher Empfänger</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="127" />
        <source>unknown-key</source>
        <translation>unbekannter Schlüssel</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="128" />
        <source>bad-signature</source>
        <translation>falsche Signatur</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="129" />
        <source>replay</source>
        <translation>Wiederholung</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="130" />
        <source>stale-timestamp</source>
        <translation>veralteter Zeitstempel</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="131" />
        <source>stale-token</source>
        <translation>veraltetes Token</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="132" />
        <source>not-authorized</source>
        <translation>nicht berechtigt</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="133" />
        <source>mallory (%1): forged %2 as %3</source>
        <translation>mallory (%1): %2 als %3 gefälscht</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="134" />
        <source>mallory (%1): %2</source>
        <translation>mallory (%1): %2</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="135" />
        <source>replayed a captured frame from %1</source>
        <translation>einen mitgeschnittenen Frame von %1 wiederholt</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="136" />
        <source>tampered with a captured %1 from %2</source>
        <translation>ein mitgeschnittenes %1 von %2 verfälscht</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="137" />
        <source>PREPARE under a stale fencing token</source>
        <translation>PREPARE unter einem veralteten Fencing-Token</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="138" />
        <source>a length prefix of 2 GiB</source>
        <translation>ein Längenpräfix von 2 GiB</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="140" />
        <source>every fault cleared</source>
        <translation>alle Fehler aufgehoben</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="141" />
        <source>partition healed</source>
        <translation>Partition geheilt</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="142" />
        <source>split %1 | %2</source>
        <translation>geteilt %1 | %2</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="143" />
        <source>link %1 -&gt; %2: healthy</source>
        <translation>Verbindung %1 -&gt; %2: gesund</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="144" />
        <source>link %1 &lt;-&gt; %2: healthy</source>
        <translation>Verbindung %1 &lt;-&gt; %2: gesund</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="145" />
        <source>link %1 -&gt; %2: %3</source>
        <translation>Verbindung %1 -&gt; %2: %3</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="146" />
        <source>link %1 &lt;-&gt; %2: %3</source>
        <translation>Verbindung %1 &lt;-&gt; %2: %3</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="147" />
        <source>+%1 ms ±%2 ms</source>
        <translation>+%1 ms ±%2 ms</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="148" />
        <source>drop %1%</source>
        <translation>%1 % verlieren</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="149" />
        <source>duplicate %1%</source>
        <translation>%1 % verdoppeln</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="150" />
        <source>reorder %1%</source>
        <translation>%1 % vertauschen</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="151" />
        <source>%1: votes NO %2%, prepare delay %3 ms</source>
        <translation>%1: stimmt %2 % NEIN, Vorbereitung verzögert %3 ms</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="152" />
        <source>%1 slow: +%2 ms per message</source>
        <translation>%1 langsam: +%2 ms je Nachricht</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="153" />
        <source>%1 at full speed</source>
        <translation>%1 mit voller Geschwindigkeit</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="154" />
        <source>%1 crashed</source>
        <translation>%1 abgestürzt</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="155" />
        <source>%1 restarted</source>
        <translation>%1 neu gestartet</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="156" />
        <source>%1 paused</source>
        <translation>%1 angehalten</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="157" />
        <source>%1 resumed</source>
        <translation>%1 fortgesetzt</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="158" />
        <source>%1 isolated</source>
        <translation>%1 isoliert</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="159" />
        <source>crashed</source>
        <translation>abgestürzt</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="160" />
        <source>restarted</source>
        <translation>neu gestartet</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="162" />
        <source>circuit breaker %1 (a session manager answered)</source>
        <translation>Schutzschalter %1 (ein Session-Manager antwortete)</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="163" />
        <source>circuit breaker %1 (%2 failures in a row)</source>
        <translation>Schutzschalter %1 (%2 Fehlschläge in Folge)</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="164" />
        <source>circuit breaker %1 (cool-down over: one probe)</source>
        <translation>Schutzschalter %1 (Abkühlzeit vorbei: ein Versuch)</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="165" />
        <source>closed</source>
        <translation>geschlossen</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="166" />
        <source>open</source>
        <translation>offen</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="167" />
        <source>half-open</source>
        <translation>halboffen</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="168" />
        <source>request refused: %1</source>
        <translation>Anfrage abgewiesen: %1</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="169" />
        <source>dead letter replayed to %1</source>
        <translation>unzustellbare Entscheidung erneut an %1 gesendet</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="170" />
        <source>peer is back: reconnecting now</source>
        <translation>Gegenstelle ist zurück: verbinde jetzt neu</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="171" />
        <source>edge ignores %1</source>
        <translation>Edge ignoriert %1</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="172" />
        <source>release without its set-up transaction: ignored</source>
        <translation>Freigabe ohne ihre Einrichtungs-Transaktion: ignoriert</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="173" />
        <source>send buffer full, frame dropped</source>
        <translation>Sendepuffer voll, Frame verworfen</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="174" />
        <source>restart failed: cannot listen again: %1</source>
        <translation>Neustart fehlgeschlagen: kann nicht wieder lauschen: %1</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="175" />
        <source>cannot write %1: %2</source>
        <translation>kann %1 nicht schreiben: %2</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="176" />
        <source>cannot open %1: %2</source>
        <translation>kann %1 nicht öffnen: %2</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="177" />
        <source>its log</source>
        <translation>sein Protokoll</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="179" />
        <source>COMMIT</source>
        <translation>FESTSCHREIBEN</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="180" />
        <source>ABORT</source>
        <translation>ABBRECHEN</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="181" />
        <source>tx %1: %2 decided %3 after it settled as %4</source>
        <translation>Tx %1: %2 entschied %3, nachdem sie als %4 feststand</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="182" />
        <source>tx %1: %2 decided %3, the coordinator %4</source>
        <translation>Tx %1: %2 entschied %3, der Koordinator %4</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="183" />
        <source>tx %1: %2 decided %3, %4 %5</source>
        <translation>Tx %1: %2 entschied %3, %4 %5</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="184" />
        <source>tx %1: %2 reversed its decision to %3</source>
        <translation>Tx %1: %2 kehrte seine Entscheidung zu %3 um</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="185" />
        <source>tx %1: %2 committed without a YES from %3</source>
        <translation>Tx %1: %2 schrieb fest ohne ein JA von %3</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="186" />
        <source>tx %1: %2 committed before any durable coordinator decision</source>
        <translation>Tx %1: %2 schrieb fest vor jeder dauerhaften Entscheidung des Koordinators</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="187" />
        <source>tx %1: the coordinator never decided</source>
        <translation>Tx %1: der Koordinator entschied nie</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="188" />
        <source>tx %1: %2 voted YES and never learned the outcome</source>
        <translation>Tx %1: %2 stimmte JA und erfuhr nie den Ausgang</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="189" />
        <source>tx %1 aborted in a run with no faults</source>
        <translation>Tx %1 brach in einem Lauf ohne Fehler ab</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="190" />
        <source>%1 accepted a PREPARE with fencing token %2 after token %3</source>
        <translation>%1 nahm ein PREPARE mit Fencing-Token %2 nach Token %3 an</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="191" />
        <source>key %1 went from version %2 to %3</source>
        <translation>Schlüssel %1 ging von Version %2 zu %3</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="192" />
        <source>%1 accepted event %2 of session %3 after %4</source>
        <translation>%1 nahm Ereignis %2 der Sitzung %3 nach %4 an</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="193" />
        <source>two leaders with fencing token %1: %2 and %3</source>
        <translation>zwei Leader mit Fencing-Token %1: %2 und %3</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="194" />
        <source>session %1 decided by tx %2 and again by tx %3</source>
        <translation>Sitzung %1 entschieden von Tx %2 und erneut von Tx %3</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="195" />
        <source>session %1 committed by tx %2 after its client was told ABORTED (trace event #%3)</source>
        <translation>Sitzung %1 von Tx %2 festgeschrieben, nachdem ihrem Client ABGEBROCHEN gemeldet wurde (Trace-Ereignis #%3)</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="197" />
        <source>%1 committed release tx %2 of the session set up by tx %3 after release tx %4: what it held is freed twice</source>
        <translation>%1 schrieb Freigabe-Tx %2 der von Tx %3 eingerichteten Sitzung nach Freigabe-Tx %4 fest: was sie hielt, wird doppelt freigegeben</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="199" />
        <source>release tx %1 committed for session %2, whose set-up tx %3 never committed</source>
        <translation>Freigabe-Tx %1 für Sitzung %2 festgeschrieben, deren Einrichtungs-Tx %3 nie festgeschrieben wurde</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="201" />
        <source>session %1 released by tx %2 and again by tx %3</source>
        <translation>Sitzung %1 freigegeben von Tx %2 und erneut von Tx %3</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="202" />
        <source>the client of session %1 was told RELEASED and no release of it committed</source>
        <translation>dem Client der Sitzung %1 wurde FREIGEGEBEN gemeldet, und keine Freigabe wurde festgeschrieben</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="204" />
        <source>the client of session %1 was told RELEASED by tx %2, which did not release it</source>
        <translation>dem Client der Sitzung %1 wurde FREIGEGEBEN von Tx %2 gemeldet, die sie nicht freigab</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="206" />
        <source>the client of session %1 was told COMMITTED and no coordinator committed it</source>
        <translation>dem Client der Sitzung %1 wurde FESTGESCHRIEBEN gemeldet, und kein Koordinator schrieb sie fest</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="208" />
        <source>the client of session %1 was told COMMITTED by tx %2, which did not commit it</source>
        <translation>dem Client der Sitzung %1 wurde FESTGESCHRIEBEN von Tx %2 gemeldet, die sie nicht festschrieb</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="210" />
        <source>the client of session %1 was told ABORTED though tx %2 committed it</source>
        <translation>dem Client der Sitzung %1 wurde ABGEBROCHEN gemeldet, obwohl Tx %2 sie festschrieb</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="212" />
        <source>the trace filled up after %1 events and %2 more were not recorded: end-of-run rules (AC4, AC5) not checked</source>
        <translation>der Trace war nach %1 Ereignissen voll und %2 weitere wurden nicht aufgezeichnet: Regeln am Laufende (AC4, AC5) nicht geprüft</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="300" />
        <source>, </source>
        <translation>, </translation>
    </message>
</context>
<context>
    <name>SequencePainter</name>
    <message>
        <location filename="../widgets/sequence/sequencepainter.cpp" line="37" />
        <location filename="../widgets/sequence/sequencepainter.cpp" line="40" />
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location filename="../widgets/sequence/sequencepainter.cpp" line="45" />
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location filename="../widgets/sequence/sequencepainter.cpp" line="114" />
        <source>client and session</source>
        <translation>Client und Sitzung</translation>
    </message>
    <message>
        <location filename="../widgets/sequence/sequencepainter.cpp" line="116" />
        <source>prepare, pre-commit</source>
        <translation>Vorbereiten, Vorfestschreiben</translation>
    </message>
    <message>
        <location filename="../widgets/sequence/sequencepainter.cpp" line="118" />
        <source>vote, acknowledgement</source>
        <translation>Stimme, Bestätigung</translation>
    </message>
    <message>
        <location filename="../widgets/sequence/sequencepainter.cpp" line="120" />
        <source>commit, abort</source>
        <translation>Festschreiben, Abbrechen</translation>
    </message>
    <message>
        <location filename="../widgets/sequence/sequencepainter.cpp" line="122" />
        <source>lease</source>
        <translation>Lease</translation>
    </message>
    <message>
        <location filename="../widgets/sequence/sequencepainter.cpp" line="124" />
        <source>DSM and locks</source>
        <translation>DSM und Sperren</translation>
    </message>
    <message>
        <location filename="../widgets/sequence/sequencepainter.cpp" line="126" />
        <source>stream event</source>
        <translation>Stream-Ereignis</translation>
    </message>
    <message>
        <location filename="../widgets/sequence/sequencepainter.cpp" line="128" />
        <source>forged</source>
        <translation>gefälscht</translation>
    </message>
    <message>
        <location filename="../widgets/sequence/sequencepainter.cpp" line="159" />
        <source>#%L1</source>
        <translation>#%L1</translation>
    </message>
    <message>
        <location filename="../widgets/sequence/sequencepainter.cpp" line="202" />
        <source>partition</source>
        <translation>Partition</translation>
    </message>
    <message>
        <location filename="../widgets/sequence/sequencepainter.cpp" line="227" />
        <source>link to %1</source>
        <translation>Verbindung zu %1</translation>
    </message>
    <message>
        <location filename="../widgets/sequence/sequencepainter.cpp" line="229" />
        <source>faulty links</source>
        <translation>gestörte Verbindungen</translation>
    </message>
    <message>
        <location filename="../widgets/sequence/sequencepainter.cpp" line="242" />
        <source>paused</source>
        <translation>angehalten</translation>
    </message>
    <message>
        <location filename="../widgets/sequence/sequencepainter.cpp" line="246" />
        <source>slow +%1 ms</source>
        <translation>langsam +%1 ms</translation>
    </message>
    <message>
        <location filename="../widgets/sequence/sequencepainter.cpp" line="252" />
        <source>isolated</source>
        <translation>isoliert</translation>
    </message>
    <message>
        <location filename="../widgets/sequence/sequencepainter.cpp" line="277" />
        <source>crashed</source>
        <translation>abgestürzt</translation>
    </message>
    <message>
        <location filename="../widgets/sequence/sequencepainter.cpp" line="293" />
        <source>leader, token %1</source>
        <translation>Leader, Token %1</translation>
    </message>
    <message>
        <location filename="../widgets/sequence/sequencepainter.cpp" line="442" />
        <source>lost in the network</source>
        <translation>im Netz verloren</translation>
    </message>
    <message>
        <location filename="../widgets/sequence/sequencepainter.cpp" line="443" />
        <source>refused by the receiver</source>
        <translation>vom Empfänger abgewiesen</translation>
    </message>
    <message>
        <location filename="../widgets/sequence/sequencepainter.cpp" line="444" />
        <source>in flight</source>
        <translation>unterwegs</translation>
    </message>
</context>
<context>
    <name>edgecore::EventLogModel</name>
    <message>
        <location filename="../widgets/eventlogmodel.cpp" line="22" />
        <source>send</source>
        <translation>gesendet</translation>
    </message>
    <message>
        <location filename="../widgets/eventlogmodel.cpp" line="24" />
        <source>deliver</source>
        <translation>zugestellt</translation>
    </message>
    <message>
        <location filename="../widgets/eventlogmodel.cpp" line="26" />
        <source>refused</source>
        <translation>abgewiesen</translation>
    </message>
    <message>
        <location filename="../widgets/eventlogmodel.cpp" line="28" />
        <source>state</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <location filename="../widgets/eventlogmodel.cpp" line="30" />
        <source>dsm write</source>
        <translation>DSM-Schreiben</translation>
    </message>
    <message>
        <location filename="../widgets/eventlogmodel.cpp" line="32" />
        <source>session</source>
        <translation>Sitzung</translation>
    </message>
    <message>
        <location filename="../widgets/eventlogmodel.cpp" line="34" />
        <source>connection</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <location filename="../widgets/eventlogmodel.cpp" line="36" />
        <source>note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <location filename="../widgets/eventlogmodel.cpp" line="38" />
        <source>vote</source>
        <translation>Stimme</translation>
    </message>
    <message>
        <location filename="../widgets/eventlogmodel.cpp" line="40" />
        <source>decision</source>
        <translation>Entscheidung</translation>
    </message>
    <message>
        <location filename="../widgets/eventlogmodel.cpp" line="42" />
        <source>lease</source>
        <translation>Lease</translation>
    </message>
    <message>
        <location filename="../widgets/eventlogmodel.cpp" line="44" />
        <source>stream event</source>
        <translation>Stream-Ereignis</translation>
    </message>
    <message>
        <location filename="../widgets/eventlogmodel.cpp" line="46" />
        <source>lost</source>
        <translation>verloren</translation>
    </message>
    <message>
        <location filename="../widgets/eventlogmodel.cpp" line="48" />
        <source>fault</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location filename="../widgets/eventlogmodel.cpp" line="50" />
        <source>lock</source>
        <translation>Sperre</translation>
    </message>
    <message>
        <location filename="../widgets/eventlogmodel.cpp" line="52" />
        <source>halt</source>
        <translation>Halt</translation>
    </message>
    <message>
        <location filename="../widgets/eventlogmodel.cpp" line="170" />
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location filename="../widgets/eventlogmodel.cpp" line="172" />
        <source>Lab time (ms)</source>
        <translation>Laborzeit (ms)</translation>
    </message>
    <message>
        <location filename="../widgets/eventlogmodel.cpp" line="174" />
        <source>Node</source>
        <translation>Knoten</translation>
    </message>
    <message>
        <location filename="../widgets/eventlogmodel.cpp" line="176" />
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <location filename="../widgets/eventlogmodel.cpp" line="178" />
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <location filename="../widgets/eventlogmodel.cpp" line="180" />
        <source>Peer</source>
        <translation>Gegenstelle</translation>
    </message>
    <message>
        <location filename="../widgets/eventlogmodel.cpp" line="182" />
        <source>Transaction</source>
        <translation>Transaktion</translation>
    </message>
    <message>
        <location filename="../widgets/eventlogmodel.cpp" line="184" />
        <source>Lamport</source>
        <translation>Lamport</translation>
    </message>
    <message>
        <location filename="../widgets/eventlogmodel.cpp" line="186" />
        <source>Detail</source>
        <translation>Detail</translation>
    </message>
</context>
<context>
    <name>edgecore::MainWindow</name>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="99" />
        <location filename="../widgets/mainwindow.cpp" line="978" />
        <location filename="../widgets/mainwindow.cpp" line="1065" />
        <source>EdgeCore Lab</source>
        <translation>EdgeCore Lab</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="152" />
        <source>The lab runs in the simulator (seed %1)</source>
        <translation>Das Labor läuft im Simulator (Seed %1)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="153" />
        <source>The lab runs on threads over loopback TCP</source>
        <translation>Das Labor läuft auf Threads über Loopback-TCP</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="162" />
        <source>Branch from Here needs the simulator (Lab &gt; Engine &gt; Simulator)</source>
        <translation>Hier abzweigen braucht den Simulator (Labor &gt; Ausführung &gt; Simulator)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="169" />
        <source>There is no event to branch from yet</source>
        <translation>Es gibt noch kein Ereignis, von dem abgezweigt werden kann</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="181" />
        <source>Branched at event %L1 into a new window</source>
        <translation>Bei Ereignis %L1 in ein neues Fenster abgezweigt</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="228" />
        <source>Double-click a session to see only its frames on the diagram</source>
        <translation>Doppelklick auf eine Sitzung zeigt im Diagramm nur ihre Rahmen</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="229" />
        <source>Sessions</source>
        <translation>Sitzungen</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="264" />
        <source>Ti&amp;me:</source>
        <translation>&amp;Zeit:</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="296" />
        <source>Show:</source>
        <translation>Zeigen:</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="297" />
        <source>in flight</source>
        <translation>unterwegs</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="297" />
        <source>lost</source>
        <translation>verloren</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="297" />
        <source>refused</source>
        <translation>abgewiesen</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="314" />
        <source>&amp;Transaction:</source>
        <translation>&amp;Transaktion:</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="326" />
        <source>Se&amp;ssion:</source>
        <translation>Sitzun&amp;g:</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="340" />
        <source>Servi&amp;ce:</source>
        <translation>Diens&amp;t:</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="471" />
        <source>Click a message on the diagram to see everything about it.</source>
        <translation>Klicken Sie auf eine Nachricht im Diagramm, um alles über sie zu sehen.</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="491" />
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="491" />
        <source>To</source>
        <translation>An</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="491" />
        <source>Parked at (ms)</source>
        <translation>Geparkt bei (ms)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="497" />
        <source>Pending Deliveries</source>
        <translation>Ausstehende Zustellungen</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="521" />
        <source>Move the Time Cursor Here</source>
        <translation>Zeitcursor hierher setzen</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="524" />
        <location filename="../widgets/mainwindow.cpp" line="996" />
        <location filename="../widgets/mainwindow.cpp" line="1013" />
        <source>Branch from Here</source>
        <translation>Hier abzweigen</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="528" />
        <source>Event Log</source>
        <translation>Ereignisprotokoll</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="552" />
        <location filename="../widgets/mainwindow.cpp" line="1125" />
        <source>Load test %v/%m</source>
        <translation>Lasttest %v/%m</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="556" />
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="557" />
        <source>Stop the load test: nothing more is submitted; what is under way finishes</source>
        <translation>Den Lasttest beenden: nichts Neues wird gestartet; was läuft, endet</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="566" />
        <source>The invariant checker, reading every trace event as it comes: click for its report</source>
        <translation>Der Invariantenprüfer liest jedes Trace-Ereignis, sobald es kommt: klicken für seinen Bericht</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="610" />
        <source>Lab</source>
        <translation>Labor</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="614" />
        <source>&amp;Lab</source>
        <translation>&amp;Labor</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="622" />
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="628" />
        <source>&amp;Run</source>
        <translation>&amp;Starten</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="630" />
        <source>&amp;Pause</source>
        <translation>&amp;Anhalten</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="632" />
        <source>S&amp;tep Mode</source>
        <translation>Schritt&amp;modus</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="651" />
        <source>Deliver the Oldest</source>
        <translation>Den ältesten zustellen</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="653" />
        <source>Deliver the Selected</source>
        <translation>Den gewählten zustellen</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="655" />
        <source>Drop the Selected</source>
        <translation>Den gewählten verwerfen</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="659" />
        <source>Advance to the Next Deadline</source>
        <translation>Zur nächsten Frist vorstellen</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="663" />
        <source>Protocol</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="673" />
        <source>New &amp;VOICE Session</source>
        <translation>Neue &amp;VOICE-Sitzung</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="676" />
        <source>New &amp;DATA Session</source>
        <translation>Neue &amp;DATA-Sitzung</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="679" />
        <source>&amp;Load Test</source>
        <translation>&amp;Lasttest</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="683" />
        <source>Seed</source>
        <translation>Startwert</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="700" />
        <source>Speed</source>
        <translation>Tempo</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="737" />
        <source>R&amp;eset</source>
        <translation>&amp;Zurücksetzen</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="740" />
        <source>Run &amp;Scenario</source>
        <translation>Szenario a&amp;usführen</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="748" />
        <source>&amp;Demo: 200 Sessions While Mallory Forges</source>
        <translation>&amp;Demo: 200 Sitzungen, während Mallory fälscht</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="749" />
        <source>&amp;Coordinator Crash (2PC: Participants Block)</source>
        <translation>&amp;Koordinatorabsturz (2PC: Teilnehmer blockieren)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="750" />
        <source>Coordinator Crash (&amp;3PC: Participants Terminate)</source>
        <translation>Koordinatorabsturz (&amp;3PC: Teilnehmer entscheiden selbst)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="751" />
        <source>&amp;Failover: the Leader Crashes</source>
        <translation>&amp;Failover: der Leiter stürzt ab</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="752" />
        <source>C&amp;haos: Seeded Faults</source>
        <translation>&amp;Chaos: Fehler aus dem Startwert</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="753" />
        <source>Dead&amp;lock: Two Sessions Wait for Each Other</source>
        <translation>Dead&amp;lock: zwei Sitzungen warten aufeinander</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="761" />
        <source>Run Scenario</source>
        <translation>Szenario ausführen</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="771" />
        <source>Fault &amp;Plan File…</source>
        <translation>Fehler&amp;plan-Datei…</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="773" />
        <source>The demo's load with a fault plan's steps (JSON, as --faults takes)</source>
        <translation>Die Last der Demo mit den Schritten eines Fehlerplans (JSON, wie --faults ihn nimmt)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="776" />
        <source>E&amp;ngine</source>
        <translation>Ausfüh&amp;rung</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="779" />
        <source>&amp;Threads (Loopback TCP)</source>
        <translation>&amp;Threads (Loopback-TCP)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="783" />
        <source>Every service on its own worker thread, over real TCP on 127.0.0.1</source>
        <translation>Jeder Dienst auf eigenem Worker-Thread, über echtes TCP auf 127.0.0.1</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="784" />
        <source>&amp;Simulator (Deterministic)</source>
        <translation>&amp;Simulator (deterministisch)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="787" />
        <source>The same services in the simulator: the same seed and the same choices give the same run, and any event can be branched from</source>
        <translation>Dieselben Dienste im Simulator: derselbe Seed und dieselben Entscheidungen ergeben denselben Lauf, und von jedem Ereignis kann abgezweigt werden</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="794" />
        <source>&amp;Branch from Here</source>
        <translation>Hier a&amp;bzweigen</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="797" />
        <source>Simulator: run this seed again in a new window with every choice made here up to the time cursor's event, then carry on there</source>
        <translation>Simulator: diesen Seed in einem neuen Fenster mit allen hier getroffenen Entscheidungen bis zum Ereignis des Zeitcursors erneut ausführen und dort weitermachen</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="800" />
        <source>Pre&amp;ferences…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="816" />
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="818" />
        <source>&amp;Open Run…</source>
        <translation>Lauf ö&amp;ffnen…</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="820" />
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="823" />
        <source>&amp;Save Run As…</source>
        <translation>Lauf &amp;speichern unter…</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="825" />
        <source>&amp;Export</source>
        <translation>&amp;Exportieren</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="826" />
        <source>&amp;Trace for Chrome or Perfetto…</source>
        <translation>&amp;Trace für Chrome oder Perfetto…</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="828" />
        <source>&amp;Summary (JSON)…</source>
        <translation>&amp;Zusammenfassung (JSON)…</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="830" />
        <source>Show Run &amp;Folder</source>
        <translation>Lauf&amp;ordner zeigen</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="833" />
        <source>Run folder</source>
        <translation>Laufordner</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="834" />
        <source>The run folder is %1</source>
        <translation>Der Laufordner ist %1</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="847" />
        <source>&amp;Sessions</source>
        <translation>&amp;Sitzungen</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="851" />
        <source>&amp;Message Detail</source>
        <translation>&amp;Nachrichtendetails</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="855" />
        <source>&amp;Pending Deliveries</source>
        <translation>&amp;Ausstehende Zustellungen</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="870" />
        <source>&amp;Fit the Whole Run</source>
        <translation>Ganzen Lauf ein&amp;passen</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="872" />
        <source>Follow the &amp;Live End</source>
        <translation>Dem &amp;laufenden Ende folgen</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="878" />
        <source>Event Order &amp;Down the Side</source>
        <translation>Ereignis&amp;folge an der Seite</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="884" />
        <source>One row per event instead of lab time: in step mode, where the clock stands still, every step gets its own row</source>
        <translation>Eine Zeile je Ereignis statt Laborzeit: im Schrittmodus, wo die Uhr stillsteht, bekommt jeder Schritt seine eigene Zeile</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="957" />
        <source>The trace stays in memory only: %1</source>
        <translation>Der Trace bleibt nur im Speicher: %1</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="985" />
        <source>Could not remove the old run folder %1</source>
        <translation>Der alte Laufordner %1 ließ sich nicht entfernen</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="994" />
        <source>Playing the run again up to event %L1…</source>
        <translation>Der Lauf wird bis Ereignis %L1 erneut abgespielt…</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="995" />
        <source>Stop Here</source>
        <translation>Hier anhalten</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1008" />
        <source>The replay was stopped at event %L1 (of %L2)</source>
        <translation>Die Wiedergabe wurde bei Ereignis %L1 (von %L2) angehalten</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1014" />
        <source>The replay ended before event %L1: this branch holds %L2 events.</source>
        <translation>Die Wiedergabe endete vor Ereignis %L1: dieser Zweig enthält %L2 Ereignisse.</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1018" />
        <source>Branch at event %L1 of seed %2 – EdgeCore Lab</source>
        <translation>Zweig bei Ereignis %L1 von Seed %2 – EdgeCore Lab</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1066" />
        <source>%1 – EdgeCore Lab</source>
        <translation>%1 – EdgeCore Lab</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1147" />
        <source>There is no scenario called %1 (there are %2).</source>
        <translation>Es gibt kein Szenario namens %1 (es gibt %2).</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1158" />
        <source>The fault plan cannot be run: %1</source>
        <translation>Der Fehlerplan kann nicht laufen: %1</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1172" />
        <source>The lab could not start for the scenario (see the message before).</source>
        <translation>Das Labor konnte für das Szenario nicht starten (siehe die Meldung davor).</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1202" />
        <source>%1: %v of %m sessions</source>
        <translation>%1: %v von %m Sitzungen</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1215" />
        <source>Scenario %1 finished</source>
        <translation>Szenario %1 beendet</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1216" />
        <source>Scenario %1 finished: %2</source>
        <translation>Szenario %1 beendet: %2</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1219" />
        <source>Running scenario %1: %2</source>
        <translation>Szenario %1 läuft: %2</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1233" />
        <location filename="../widgets/mainwindow.cpp" line="1240" />
        <source>Run a Fault Plan</source>
        <translation>Einen Fehlerplan ausführen</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1234" />
        <source>Fault plans (*.json);;All files (*)</source>
        <translation>Fehlerpläne (*.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1269" />
        <source>Every invariant holds over the %L1 transactions seen so far.</source>
        <translation>Jede Invariante gilt über die %L1 bisher gesehenen Transaktionen.</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1499" />
        <location filename="../widgets/mainwindow.cpp" line="1550" />
        <source>Lab time %L1 s</source>
        <translation>Laborzeit %L1 s</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1512" />
        <source>Committed %L1 (active %L2, released %L3) · Aborted %L4 · Invalid %L5 · Rejected frames %L6 · Events %L7</source>
        <translation>Festgeschrieben %L1 (aktiv %L2, freigegeben %L3) · Abgebrochen %L4 · Ungültig %L5 · Abgewiesene Frames %L6 · Ereignisse %L7</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1529" />
        <source>Trace no longer written to the run folder (%1): kept in memory</source>
        <translation>Trace wird nicht mehr in den Laufordner geschrieben (%1): er bleibt im Speicher</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1531" />
        <source>Trace full: %L1 events not recorded</source>
        <translation>Trace voll: %L1 Ereignisse nicht aufgezeichnet</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1546" />
        <source>Simulator · lab time %L1 s (paused)</source>
        <translation>Simulator · Laborzeit %L1 s (angehalten)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1547" />
        <source>Lab time %L1 s (paused)</source>
        <translation>Laborzeit %L1 s (angehalten)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1549" />
        <source>Simulator · lab time %L1 s</source>
        <translation>Simulator · Laborzeit %L1 s</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1573" />
        <source>There is no live run to save.</source>
        <translation>Es gibt keinen laufenden Lauf zum Speichern.</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1576" />
        <source>%1 is not empty: choose a new or an empty folder.</source>
        <translation>%1 ist nicht leer: wählen Sie einen neuen oder leeren Ordner.</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1579" />
        <source>Cannot create %1.</source>
        <translation>%1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1604" />
        <source>Cannot copy %1: %2</source>
        <translation>%1 kann nicht kopiert werden: %2</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1654" />
        <source>%1 holds no EdgeCore Lab run (no %2 in it).</source>
        <translation>%1 enthält keinen EdgeCore-Lab-Lauf (kein %2 darin).</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1661" />
        <source>Cannot open the run: %1</source>
        <translation>Der Lauf kann nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1693" />
        <source>The run's last event was cut off (the run was still being written or was stopped): it opens up to its last complete event.</source>
        <translation>Das letzte Ereignis des Laufs ist abgeschnitten (der Lauf wurde noch geschrieben oder abgebrochen): er öffnet sich bis zu seinem letzten vollständigen Ereignis.</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1722" />
        <source>&amp;%1 %2</source>
        <translation>&amp;%1 %2</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="297" />
        <location filename="../widgets/mainwindow.cpp" line="1939" />
        <source>delivered</source>
        <translation>zugestellt</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1942" />
        <source>lost: the network is partitioned</source>
        <translation>verloren: das Netz ist geteilt</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1943" />
        <source>lost: dropped by hand in step mode</source>
        <translation>verloren: im Schrittmodus von Hand verworfen</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1945" />
        <source>lost: the link dropped it</source>
        <translation>verloren: die Verbindung hat sie verworfen</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1948" />
        <source>refused: %1</source>
        <translation>abgewiesen: %1</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1952" />
        <source>in flight (not delivered yet)</source>
        <translation>unterwegs (noch nicht zugestellt)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1956" />
        <source>From → to</source>
        <translation>Von → an</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1956" />
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1957" />
        <source>What</source>
        <translation>Was</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1958" />
        <source>Fate</source>
        <translation>Verbleib</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="2073" />
        <source>client</source>
        <translation>Client</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="2083" />
        <source>Pending Deliveries (%L1)</source>
        <translation>Ausstehende Zustellungen (%L1)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="491" />
        <location filename="../widgets/mainwindow.cpp" line="1996" />
        <source>Transaction</source>
        <translation>Transaktion</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1944" />
        <source>lost: its receiver was down</source>
        <translation>verloren: sein Empfänger war ausgefallen</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="2000" />
        <source>Session</source>
        <translation>Sitzung</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="2001" />
        <source>Frame number</source>
        <translation>Frame-Nummer</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="2003" />
        <source>Latency</source>
        <translation>Latenz</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="2003" />
        <location filename="../widgets/mainwindow.cpp" line="2010" />
        <source>%L1 ms</source>
        <translation>%L1 ms</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="2009" />
        <source>Trace event</source>
        <translation>Trace-Ereignis</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="2009" />
        <source>#%L1</source>
        <translation>#%L1</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="2010" />
        <source>Lab time</source>
        <translation>Laborzeit</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="2011" />
        <source>Wall time</source>
        <translation>Uhrzeit</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="2012" />
        <source>Lamport clock</source>
        <translation>Lamport-Uhr</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="2013" />
        <source>Vector clock</source>
        <translation>Vektoruhr</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="2017" />
        <source>Sent by %1</source>
        <translation>Gesendet von %1</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="2019" />
        <source>Delivered to %1</source>
        <translation>Zugestellt an %1</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="2020" />
        <source>Lost</source>
        <translation>Verloren</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="2021" />
        <source>Refused by %1</source>
        <translation>Abgewiesen von %1</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1645" />
        <location filename="../widgets/mainwindow.cpp" line="1728" />
        <location filename="../widgets/mainwindow.cpp" line="1757" />
        <location filename="../widgets/mainwindow.cpp" line="1762" />
        <source>Open Run</source>
        <translation>Lauf öffnen</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1435" />
        <source>Found %1: %2 → %3</source>
        <translation>Gefunden %1: %2 → %3</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1441" />
        <source>No message the diagram shows matches “%1”</source>
        <translation>Keine Nachricht im Diagramm passt zu „%1“</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1485" />
        <source>Lab %1 s · event %L2 of %L3</source>
        <translation>Labor %1 s · Ereignis %L2 von %L3</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1494" />
        <source>Saved run: %L1 events, %L2 sessions; Reset returns to a live lab</source>
        <translation>Gespeicherter Lauf: %L1 Ereignisse, %L2 Sitzungen; Zurücksetzen kehrt zum laufenden Labor zurück</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1734" />
        <source>No recent runs</source>
        <translation>Keine zuletzt geöffneten Läufe</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1736" />
        <source>&amp;Clear List</source>
        <translation>Liste &amp;leeren</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1742" />
        <location filename="../widgets/mainwindow.cpp" line="1752" />
        <source>Save Run As</source>
        <translation>Lauf speichern unter</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1749" />
        <source>Saved the run to %1</source>
        <translation>Lauf in %1 gespeichert</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1770" />
        <location filename="../widgets/mainwindow.cpp" line="1777" />
        <source>Export Trace</source>
        <translation>Trace exportieren</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1772" />
        <source>Chrome trace (*.json)</source>
        <translation>Chrome-Trace (*.json)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1779" />
        <source>Exported %1</source>
        <translation>%1 exportiert</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1787" />
        <location filename="../widgets/mainwindow.cpp" line="1792" />
        <source>Export Summary</source>
        <translation>Zusammenfassung exportieren</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1787" />
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1835" />
        <source>Keyboard Shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1840" />
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1840" />
        <source>Shortcut</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1873" />
        <source>EdgeCore Lab Manual</source>
        <translation>EdgeCore-Lab-Handbuch</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1880" />
        <source>&amp;Back</source>
        <translation>&amp;Zurück</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1894" />
        <source>About EdgeCore Lab</source>
        <translation>Über EdgeCore Lab</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1895" />
        <source>&lt;h3&gt;EdgeCore Lab %1&lt;/h3&gt;&lt;p&gt;A desktop lab for distributed protocols: an edge gateway, three session managers electing a leader, 2PC and 3PC participants, a versioned shared memory and a malicious node, each a real server on its own thread, talking over loopback TCP with signed frames.&lt;/p&gt;&lt;p&gt;Built with Qt %2.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;EdgeCore Lab %1&lt;/h3&gt;&lt;p&gt;Ein Desktop-Labor für verteilte Protokolle: ein Edge-Gateway, drei Session-Manager, die einen Leader wählen, 2PC- und 3PC-Teilnehmer, ein versionierter gemeinsamer Speicher und ein bösartiger Knoten, jeder ein echter Server in einem eigenen Thread, die über Loopback-TCP mit signierten Frames sprechen.&lt;/p&gt;&lt;p&gt;Gebaut mit Qt %2.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="669" />
        <source>Commit protocol of the sessions you start from here</source>
        <translation>Commit-Protokoll der Sitzungen, die Sie hier starten</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="267" />
        <source>Drag back to see the lab as it was: the diagram marks the instant, the sessions table and the event log show it</source>
        <translation>Zurückziehen zeigt das Labor, wie es war: das Diagramm markiert den Moment, Sitzungstabelle und Ereignisprotokoll zeigen ihn</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="274" />
        <source>Lab %1 s · event %2 of %3</source>
        <translation>Labor %1 s · Ereignis %2 von %3</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="277" />
        <source>Live</source>
        <translation>Live</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="280" />
        <source>Back to the live end (Alt+End)</source>
        <translation>Zurück zum laufenden Ende (Alt+Ende)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="317" />
        <source>all, or e.g. 2.15</source>
        <translation>alle, oder z. B. 2.15</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="329" />
        <location filename="../widgets/mainwindow.cpp" line="343" />
        <location filename="../widgets/mainwindow.cpp" line="1379" />
        <source>every one</source>
        <translation>alle</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="351" />
        <source>T&amp;ypes</source>
        <translation>T&amp;ypen</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="352" />
        <source>Which message types the diagram shows</source>
        <translation>Welche Nachrichtentypen das Diagramm zeigt</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="357" />
        <source>Show Every Type</source>
        <translation>Alle Typen zeigen</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="446" />
        <source>Find a message (Ctrl+F)</source>
        <translation>Nachricht suchen (Strg+F)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="454" />
        <source>Previous hit (Shift+F3)</source>
        <translation>Voriger Treffer (Umschalt+F3)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="458" />
        <source>Next hit (F3)</source>
        <translation>Nächster Treffer (F3)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="636" />
        <source>Step mode (F10): the clock stands still; deliver the frames one by one in Pending Deliveries (Enter, N), drop one (Del), duplicate one (D), or move the clock to the next deadline (T)</source>
        <translation>Schrittmodus (F10): die Uhr steht; Rahmen einzeln in „Ausstehende Zustellungen“ zustellen (Eingabe, N), einen verwerfen (Entf), einen verdoppeln (D) oder die Uhr zur nächsten Frist stellen (T)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="657" />
        <source>Duplicate the Selected</source>
        <translation>Den ausgewählten verdoppeln</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="692" />
        <source>Seed for every random choice of the next reset</source>
        <translation>Startwert für jede Zufallsentscheidung nach dem nächsten Zurücksetzen</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="710" />
        <source>Lab clock speed: 0.1 (slow motion) to 10</source>
        <translation>Tempo der Laboruhr: 0,1 (Zeitlupe) bis 10</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="837" />
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="839" />
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="842" />
        <source>&amp;Event Log</source>
        <translation>&amp;Ereignisprotokoll</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="859" />
        <source>&amp;Toolbar</source>
        <translation>&amp;Werkzeugleiste</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="863" />
        <source>Zoom &amp;In</source>
        <translation>&amp;Vergrößern</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="865" />
        <source>Zoom &amp;Out</source>
        <translation>Ver&amp;kleinern</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="867" />
        <source>&amp;Actual Size</source>
        <translation>&amp;Originalgröße</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="890" />
        <source>Find a Messa&amp;ge</source>
        <translation>Nachricht s&amp;uchen</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="894" />
        <source>Find &amp;Next</source>
        <translation>Nächs&amp;ten Treffer</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="896" />
        <source>Find Pre&amp;vious</source>
        <translation>Vo&amp;rigen Treffer</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="899" />
        <source>Time Cursor &amp;Back One Event</source>
        <translation>Zeitmarke ein Ereignis frü&amp;her</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="905" />
        <source>Time &amp;Cursor Forward One Event</source>
        <translation>Zeit&amp;marke ein Ereignis später</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="910" />
        <source>Time Cursor Back to No&amp;w</source>
        <translation>Zeitmarke auf &amp;jetzt</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="913" />
        <source>&amp;Reset Layout</source>
        <translation>Anordnung &amp;zurücksetzen</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="920" />
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="922" />
        <source>&amp;Manual</source>
        <translation>&amp;Handbuch</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="924" />
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="927" />
        <source>&amp;About EdgeCore Lab</source>
        <translation>Ü&amp;ber EdgeCore Lab</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="929" />
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="979" />
        <source>The cluster could not start:
%1</source>
        <translation>Der Cluster konnte nicht starten:
%1</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1260" />
        <source>Invariant checker</source>
        <translation>Invariantenprüfer</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1276" />
        <source>%1 violated: %2 (trace event #%L3); replay with --seed %4</source>
        <translation>%1 verletzt: %2 (Trace-Ereignis #%L3); wiederholen mit --seed %4</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1280" />
        <source>%1 violated: %2; replay with --seed %3</source>
        <translation>%1 verletzt: %2; wiederholen mit --seed %3</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1285" />
        <source>and %L1 more</source>
        <translation>und %L1 weitere</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1293" />
        <source>What happened to it:</source>
        <translation>Was geschah:</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1297" />
        <source>Lab time (ms)</source>
        <translation>Laborzeit (ms)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1297" />
        <source>Node</source>
        <translation>Knoten</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1297" />
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1965" />
        <source>valid (HMAC-SHA256 verified by %1)</source>
        <translation>gültig (HMAC-SHA256 von %1 geprüft)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1969" />
        <source>invalid: %1</source>
        <translation>ungültig: %1</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1971" />
        <source>not checked: the frame did not decode</source>
        <translation>nicht geprüft: der Rahmen ließ sich nicht dekodieren</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1972" />
        <source>valid (refused after it was verified)</source>
        <translation>gültig (nach der Prüfung abgelehnt)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1975" />
        <source>not checked: it never arrived</source>
        <translation>nicht geprüft: er kam nie an</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1978" />
        <source>not checked yet</source>
        <translation>noch nicht geprüft</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1981" />
        <source>Signature</source>
        <translation>Signatur</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1985" />
        <source>Key id</source>
        <translation>Schlüssel-ID</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1985" />
        <source>key %1 (the sender's signing key)</source>
        <translation>Schlüssel %1 (der Signaturschlüssel des Senders)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1987" />
        <source>Fencing token</source>
        <translation>Fencing-Token</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1990" />
        <source>Payload</source>
        <translation>Nutzdaten</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1995" />
        <source>Copy</source>
        <translation>Kopie</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1995" />
        <source>made by hand in step mode (the same bytes again)</source>
        <translation>von Hand im Schrittmodus gemacht (dieselben Bytes noch einmal)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1999" />
        <source>Show only this transaction</source>
        <translation>Nur diese Transaktion zeigen</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="2131" />
        <source>That frame cannot be duplicated (a client's request never crossed the network)</source>
        <translation>Dieser Rahmen lässt sich nicht verdoppeln (die Anfrage eines Clients lief nie über das Netz)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="482" />
        <location filename="../widgets/mainwindow.cpp" line="491" />
        <location filename="../widgets/mainwindow.cpp" line="1298" />
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1298" />
        <source>Peer</source>
        <translation>Gegenstelle</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1298" />
        <location filename="../widgets/mainwindow.cpp" line="2015" />
        <source>Detail</source>
        <translation>Detail</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1506" />
        <location filename="../widgets/mainwindow.cpp" line="1535" />
        <source>Checker: ok</source>
        <translation>Prüfer: ok</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1526" />
        <source>A service halted: storage failure (%1)</source>
        <translation>Ein Dienst hat angehalten: Speicherfehler (%1)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1527" />
        <source>%1 services halted: storage failure</source>
        <translation>%1 Dienste haben angehalten: Speicherfehler</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1507" />
        <location filename="../widgets/mainwindow.cpp" line="1536" />
        <source>Checker: %1 violated</source>
        <translation>Prüfer: %1 verletzt</translation>
    </message>
</context>
<context>
    <name>edgecore::OverviewStrip</name>
    <message>
        <location filename="../widgets/sequence/overviewstrip.cpp" line="20" />
        <source>The whole run: how busy each part was; the frame marks what the diagram shows. Click or drag to go there.</source>
        <translation>Der ganze Lauf: wie belebt jeder Teil war; der Rahmen zeigt, was das Diagramm zeigt. Klicken oder ziehen, um dorthin zu gehen.</translation>
    </message>
</context>
<context>
    <name>edgecore::PreferencesDialog</name>
    <message>
        <location filename="../widgets/preferences.cpp" line="119" />
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location filename="../widgets/preferences.cpp" line="132" />
        <source>Lab &amp;clock speed:</source>
        <translation>Tempo der Labor&amp;uhr:</translation>
    </message>
    <message>
        <location filename="../widgets/preferences.cpp" line="137" />
        <source>Off</source>
        <translation>Aus</translation>
    </message>
    <message>
        <location filename="../widgets/preferences.cpp" line="139" />
        <source>Forged frames mallory sends per lab second</source>
        <translation>Gefälschte Frames, die mallory je Laborsekunde sendet</translation>
    </message>
    <message>
        <location filename="../widgets/preferences.cpp" line="140" />
        <source>&amp;Mallory's rate (frames/s):</source>
        <translation>&amp;Mallorys Rate (Frames/s):</translation>
    </message>
    <message>
        <location filename="../widgets/preferences.cpp" line="143" />
        <source>Detect cycles (abort the youngest)</source>
        <translation>Zyklen erkennen (die jüngste abbrechen)</translation>
    </message>
    <message>
        <location filename="../widgets/preferences.cpp" line="144" />
        <source>Time out waits longer than 2 s</source>
        <translation>Warten länger als 2 s abbrechen</translation>
    </message>
    <message>
        <location filename="../widgets/preferences.cpp" line="146" />
        <source>&amp;Deadlocks:</source>
        <translation>&amp;Deadlocks:</translation>
    </message>
    <message>
        <location filename="../widgets/preferences.cpp" line="152" />
        <source>Leader &amp;lease (ms):</source>
        <translation>Leader-&amp;Lease (ms):</translation>
    </message>
    <message>
        <location filename="../widgets/preferences.cpp" line="153" />
        <source>Mallory, deadlocks and the lease apply from the next reset.</source>
        <translation>Mallory, Deadlocks und die Lease gelten ab dem nächsten Zurücksetzen.</translation>
    </message>
    <message>
        <location filename="../widgets/preferences.cpp" line="156" />
        <source>&amp;Lab</source>
        <translation>&amp;Labor</translation>
    </message>
    <message>
        <location filename="../widgets/preferences.cpp" line="164" />
        <source>&amp;Sessions:</source>
        <translation>&amp;Sitzungen:</translation>
    </message>
    <message>
        <location filename="../widgets/preferences.cpp" line="169" />
        <source>&amp;In flight at once:</source>
        <translation>&amp;Gleichzeitig unterwegs:</translation>
    </message>
    <message>
        <location filename="../widgets/preferences.cpp" line="170" />
        <source>Load &amp;test</source>
        <translation>Last&amp;test</translation>
    </message>
    <message>
        <location filename="../widgets/preferences.cpp" line="177" />
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <location filename="../widgets/preferences.cpp" line="179" />
        <source>Where runs are kept</source>
        <translation>Wo Läufe aufbewahrt werden</translation>
    </message>
    <message>
        <location filename="../widgets/preferences.cpp" line="186" />
        <source>Runs &amp;folder:</source>
        <translation>Lauf&amp;ordner:</translation>
    </message>
    <message>
        <location filename="../widgets/preferences.cpp" line="191" />
        <source>Each start and reset makes a run folder; the oldest beyond this many are removed. Runs you save elsewhere are never touched.</source>
        <translation>Jeder Start und jedes Zurücksetzen legt einen Laufordner an; die ältesten über diese Zahl hinaus werden entfernt. Läufe, die Sie anderswo speichern, bleiben unberührt.</translation>
    </message>
    <message>
        <location filename="../widgets/preferences.cpp" line="193" />
        <source>Runs &amp;kept:</source>
        <translation>Aufbewahrte &amp;Läufe:</translation>
    </message>
    <message>
        <location filename="../widgets/preferences.cpp" line="194" />
        <source>&amp;Runs</source>
        <translation>&amp;Läufe</translation>
    </message>
    <message>
        <location filename="../widgets/preferences.cpp" line="200" />
        <source>The system's</source>
        <translation>Die des Systems</translation>
    </message>
    <message>
        <location filename="../widgets/preferences.cpp" line="204" />
        <source>Lan&amp;guage:</source>
        <translation>&amp;Sprache:</translation>
    </message>
    <message>
        <location filename="../widgets/preferences.cpp" line="205" />
        <source>The language applies from the next start.</source>
        <translation>Die Sprache gilt ab dem nächsten Start.</translation>
    </message>
    <message>
        <location filename="../widgets/preferences.cpp" line="206" />
        <source>L&amp;anguage</source>
        <translation>S&amp;prache</translation>
    </message>
</context>
<context>
    <name>edgecore::SequenceView</name>
    <message>
        <location filename="../widgets/sequence/sequenceview.cpp" line="136" />
        <source>Show Only Transaction %1</source>
        <translation>Nur Transaktion %1 zeigen</translation>
    </message>
    <message>
        <location filename="../widgets/sequence/sequenceview.cpp" line="141" />
        <source>Branch from This Message</source>
        <translation>Von dieser Nachricht abzweigen</translation>
    </message>
    <message>
        <location filename="../widgets/sequence/sequenceview.cpp" line="146" />
        <source>Show Every Transaction</source>
        <translation>Jede Transaktion zeigen</translation>
    </message>
    <message>
        <location filename="../widgets/sequence/sequenceview.cpp" line="150" />
        <source>Hide the %1 Lifeline</source>
        <translation>Lebenslinie %1 ausblenden</translation>
    </message>
    <message>
        <location filename="../widgets/sequence/sequenceview.cpp" line="154" />
        <source>Show Every Lifeline</source>
        <translation>Jede Lebenslinie zeigen</translation>
    </message>
    <message>
        <location filename="../widgets/sequence/sequenceview.cpp" line="156" />
        <source>Lifelines in the Cast's Order</source>
        <translation>Lebenslinien in der Reihenfolge der Besetzung</translation>
    </message>
    <message>
        <location filename="../widgets/sequence/sequenceview.cpp" line="472" />
        <source>delivered after %L1 ms</source>
        <translation>zugestellt nach %L1 ms</translation>
    </message>
    <message>
        <location filename="../widgets/sequence/sequenceview.cpp" line="473" />
        <source>lost in the network</source>
        <translation>im Netz verloren</translation>
    </message>
    <message>
        <location filename="../widgets/sequence/sequenceview.cpp" line="474" />
        <source>refused by its receiver</source>
        <translation>vom Empfänger abgewiesen</translation>
    </message>
    <message>
        <location filename="../widgets/sequence/sequenceview.cpp" line="475" />
        <source>in flight</source>
        <translation>unterwegs</translation>
    </message>
    <message>
        <location filename="../widgets/sequence/sequenceview.cpp" line="477" />
        <source>%1: %2 → %3
transaction %4
%5</source>
        <translation>%1: %2 → %3
Transaktion %4
%5</translation>
    </message>
</context>
<context>
    <name>edgecore::SessionsModel</name>
    <message>
        <location filename="../widgets/sessionsmodel.cpp" line="64" />
        <source>Released %L1 ms after it ended</source>
        <translation>%L1 ms nach ihrem Ende freigegeben</translation>
    </message>
    <message>
        <location filename="../widgets/sessionsmodel.cpp" line="95" />
        <source>Request</source>
        <translation>Anfrage</translation>
    </message>
    <message>
        <location filename="../widgets/sessionsmodel.cpp" line="97" />
        <source>Session</source>
        <translation>Sitzung</translation>
    </message>
    <message>
        <location filename="../widgets/sessionsmodel.cpp" line="99" />
        <source>Subscriber</source>
        <translation>Teilnehmer</translation>
    </message>
    <message>
        <location filename="../widgets/sessionsmodel.cpp" line="101" />
        <source>Class</source>
        <translation>Klasse</translation>
    </message>
    <message>
        <location filename="../widgets/sessionsmodel.cpp" line="103" />
        <source>Protocol</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <location filename="../widgets/sessionsmodel.cpp" line="105" />
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <location filename="../widgets/sessionsmodel.cpp" line="107" />
        <source>Latency (ms)</source>
        <translation>Latenz (ms)</translation>
    </message>
    <message>
        <location filename="../widgets/sessionsmodel.cpp" line="109" />
        <source>Lasts (s)</source>
        <translation>Dauer (s)</translation>
    </message>
    <message>
        <location filename="../widgets/sessionsmodel.cpp" line="111" />
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
</context>
</TS>
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
        <source>PRECOMMITTED</source>
        <translation>VORFESTGESCHRIEBEN</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="27" />
        <source>PREPARED</source>
        <translation>VORBEREITET</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="28" />
        <source>ACTIVE</source>
        <translation>AKTIV</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="29" />
        <source>INVALID</source>
        <translation>UNGÜLTIG</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="30" />
        <source>UNKNOWN</source>
        <translation>UNBEKANNT</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="31" />
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="33" />
        <source>coordinator decided abort</source>
        <translation>Koordinator entschied Abbruch</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="34" />
        <source>coordinator restarted before deciding</source>
        <translation>Koordinator vor der Entscheidung neu gestartet</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="35" />
        <source>deadlock victim (youngest in the cycle)</source>
        <translation>Deadlock-Opfer (die jüngste im Zyklus)</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="36" />
        <source>injected abort (%1% of PREPAREs)</source>
        <translation>eingespeister Abbruch (%1 % der PREPAREs)</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="37" />
        <source>lock wait timed out</source>
        <translation>Warten auf die Sperre abgelaufen</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="38" />
        <source>no session manager leads</source>
        <translation>kein Session-Manager führt</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="39" />
        <source>termination: nobody pre-committed</source>
        <translation>Terminierung: niemand hat vorfestgeschrieben</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="40" />
        <source>termination: a participant pre-committed</source>
        <translation>Terminierung: ein Teilnehmer hat vorfestgeschrieben</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="41" />
        <source>timeout waiting for votes</source>
        <translation>Zeitüberschreitung beim Warten auf Stimmen</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="42" />
        <source>insufficient credit</source>
        <translation>Guthaben reicht nicht</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="43" />
        <source>cell %1 full</source>
        <translation>Zelle %1 voll</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="44" />
        <source>subscriber id must have 5 to 15 digits</source>
        <translation>Teilnehmerkennung muss 5 bis 15 Ziffern haben</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="45" />
        <source>subscriber id may contain digits only</source>
        <translation>Teilnehmerkennung darf nur Ziffern enthalten</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="46" />
        <source>traffic class must be VOICE or DATA</source>
        <translation>Verkehrsklasse muss VOICE oder DATA sein</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="47" />
        <source>protocol must be 2PC or 3PC</source>
        <translation>Protokoll muss 2PC oder 3PC sein</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="48" />
        <source>session duration must be whole lab milliseconds from 0 to %1</source>
        <translation>Sitzungsdauer muss aus ganzen Labor-Millisekunden von 0 bis %1 bestehen</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="50" />
        <source>tx PREPARING (intent logged)</source>
        <translation>Tx BEREITET VOR (Absicht protokolliert)</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="51" />
        <source>tx PRECOMMITTING (all voted YES)</source>
        <translation>Tx SCHREIBT VOR (alle stimmten JA)</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="52" />
        <source>tx %1</source>
        <translation>Tx %1</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="53" />
        <source>release %1</source>
        <translation>Freigabe %1</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="54" />
        <source>%1: asking again</source>
        <translation>%1: frage erneut</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="55" />
        <source>release of the session set up by tx %1 (it lasted %2 s)</source>
        <translation>Freigabe der von Tx %1 eingerichteten Sitzung (sie dauerte %2 s)</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="56" />
        <source>session already claimed by tx %1, committed: answering for it</source>
        <translation>Sitzung schon von Tx %1 beansprucht, festgeschrieben: antworte dafür</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="57" />
        <source>session already claimed by tx %1: not started</source>
        <translation>Sitzung schon von Tx %1 beansprucht: nicht begonnen</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="58" />
        <source>session already released by tx %1: answering for it</source>
        <translation>Sitzung schon von Tx %1 freigegeben: antworte dafür</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="59" />
        <source>session's release already claimed by tx %1: not started</source>
        <translation>Freigabe der Sitzung schon von Tx %1 beansprucht: nicht begonnen</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="60" />
        <source>session not claimed (dsm silent): not started</source>
        <translation>Sitzung nicht beansprucht (dsm stumm): nicht begonnen</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="61" />
        <source>session %1 read by %2 at v%3</source>
        <translation>Sitzung %1 gelesen von %2 bei v%3</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="62" />
        <source>%1 read by %2 at v%3</source>
        <translation>%1 gelesen von %2 bei v%3</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="63" />
        <source>recovered from the log: %1 transactions, %2 resumed</source>
        <translation>aus dem Protokoll wiederhergestellt: %1 Transaktionen, %2 fortgesetzt</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="64" />
        <source>recovered from the log: %1 records, %2 in doubt</source>
        <translation>aus dem Protokoll wiederhergestellt: %1 Einträge, %2 ungewiss</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="65" />
        <source>recovered %1 keys and %2 stream events from the log</source>
        <translation>%1 Schlüssel und %2 Stream-Ereignisse aus dem Protokoll wiederhergestellt</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="66" />
        <source>recovery could not reserve again: %1</source>
        <translation>Wiederherstellung konnte nicht erneut reservieren: %1</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="68" />
        <source>PREPARED, vote YES: %1</source>
        <translation>VORBEREITET, Stimme JA: %1</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="69" />
        <source>vote NO: %1</source>
        <translation>Stimme NEIN: %1</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="70" />
        <source>release %1 units in cell %2</source>
        <translation>%1 Einheiten in Zelle %2 freigeben</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="71" />
        <source>%1 units in cell %2</source>
        <translation>%1 Einheiten in Zelle %2</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="72" />
        <source>release: %1 credit from %2, %3 s</source>
        <translation>Freigabe: %1 Guthaben von %2, %3 s</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="73" />
        <source>%1 credit from %2</source>
        <translation>%1 Guthaben von %2</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="74" />
        <source>charging record: %1</source>
        <translation>Abrechnungssatz: %1</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="75" />
        <source>no units held for tx %1</source>
        <translation>keine Einheiten für Tx %1 gehalten</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="76" />
        <source>no charge held for tx %1</source>
        <translation>keine Belastung für Tx %1 gehalten</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="77" />
        <source>in doubt: asking the coordinator</source>
        <translation>ungewiss: frage den Koordinator</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="78" />
        <source>coordinator silent: termination protocol</source>
        <translation>Koordinator stumm: Terminierungsprotokoll</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="79" />
        <source>PREPARE dropped after its lock wait: stale fencing token %1</source>
        <translation>PREPARE nach dem Warten auf die Sperre verworfen: veraltetes Fencing-Token %1</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="81" />
        <source>accepted %1 session for %2</source>
        <translation>%1-Sitzung für %2 angenommen</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="82" />
        <source>session ended after %1 s: asking %2 to release it</source>
        <translation>Sitzung nach %1 s beendet: bitte %2 um Freigabe</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="83" />
        <source>asking %1 again to release the session (no answer yet)</source>
        <translation>bitte %1 erneut um Freigabe der Sitzung (noch keine Antwort)</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="84" />
        <source>asking %1 again to release the session (the last release ABORTED)</source>
        <translation>bitte %1 erneut um Freigabe der Sitzung (die letzte Freigabe ABGEBROCHEN)</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="86" />
        <source>asking %1 again (no answer yet)</source>
        <translation>frage %1 erneut (noch keine Antwort)</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="87" />
        <source>asking %1 again (was sent to %2)</source>
        <translation>frage %1 erneut (war an %2 gesendet)</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="88" />
        <source>redirected to %1 (not leader: %2)</source>
        <translation>umgeleitet zu %1 (nicht Leader: %2)</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="89" />
        <source>leader is now %1</source>
        <translation>Leader ist jetzt %1</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="90" />
        <source>edge watches %1</source>
        <translation>Edge beobachtet %1</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="92" />
        <source>became leader (fencing token %1)</source>
        <translation>wurde Leader (Fencing-Token %1)</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="93" />
        <source>lost leadership (fencing token %1)</source>
        <translation>Führung verloren (Fencing-Token %1)</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="94" />
        <source>%1 lease held, refused to %2 (v%3, token %4)</source>
        <translation>%1 Lease vergeben, %2 abgewiesen (v%3, Token %4)</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="95" />
        <source>%1 renewed by %2 (v%3, token %4)</source>
        <translation>%1 erneuert von %2 (v%3, Token %4)</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="96" />
        <source>%1 v%2→v%3 %4 by %5 token %6</source>
        <translation>%1 v%2→v%3 %4 durch %5 Token %6</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="97" />
        <source>%1 v%2→v%3 by %4</source>
        <translation>%1 v%2→v%3 durch %4</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="98" />
        <source>%1: conflict for %2 (at v%3)</source>
        <translation>%1: Konflikt für %2 (bei v%3)</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="99" />
        <source>stale fencing token %1 &lt; %2</source>
        <translation>veraltetes Fencing-Token %1 &lt; %2</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="100" />
        <source>%1 consumes group %2 (%3 pending)</source>
        <translation>%1 liest Gruppe %2 (%3 ausstehend)</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="101" />
        <source>gap in session stream: got %1 after %2</source>
        <translation>Lücke im Sitzungs-Stream: %1 nach %2 erhalten</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="103" />
        <source>deadlock: %1; found %2 ms after it formed</source>
        <translation>Deadlock: %1; %2 ms nach seiner Entstehung gefunden</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="104" />
        <source>%1 waits for %2</source>
        <translation>%1 wartet auf %2</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="105" />
        <source>victim: the youngest in the cycle</source>
        <translation>Opfer: die jüngste im Zyklus</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="106" />
        <source>victim: waited longer than %1 ms</source>
        <translation>Opfer: wartete länger als %1 ms</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="108" />
        <source>connected</source>
        <translation>verbunden</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="109" />
        <source>connect failed, retrying in %1 ms</source>
        <translation>Verbindung fehlgeschlagen, neuer Versuch in %1 ms</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="110" />
        <source>connection lost, reconnecting in %1 ms</source>
        <translation>Verbindung verloren, neu verbinden in %1 ms</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="111" />
        <source>dropped in flight: partition</source>
        <translation>unterwegs verloren: Partition</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="112" />
        <source>dropped: partition</source>
        <translation>verloren: Partition</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="113" />
        <source>dropped: loss</source>
        <translation>verloren: Verlust</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="114" />
        <source>dropped by hand (step mode)</source>
        <translation>von Hand verworfen (Schrittmodus)</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="116" />
        <source>%1 (%2 bytes)</source>
        <translation>%1 (%2 Bytes)</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="117" />
        <source>truncated</source>
        <translation>abgeschnitten</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="118" />
        <source>oversized</source>
        <translation>zu groß</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="119" />
        <source>bad-cbor</source>
        <translation>fehlerhaftes CBOR</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="120" />
        <source>trailing-garbage</source>
        <translation>Müll am Ende</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="121" />
        <source>unknown-type</source>
        <translation>unbekannter Typ</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="122" />
        <source>bad-version</source>
        <translation>falsche Version</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="123" />
        <source>wrong-receiver</source>
        <translation>falscher Empfänger</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="124" />
        <source>unknown-key</source>
        <translation>unbekannter Schlüssel</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="125" />
        <source>bad-signature</source>
        <translation>falsche Signatur</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="126" />
        <source>replay</source>
        <translation>Wiederholung</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="127" />
        <source>stale-timestamp</source>
        <translation>veralteter Zeitstempel</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="128" />
        <source>stale-token</source>
        <translation>veraltetes Token</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="129" />
        <source>not-authorized</source>
        <translation>nicht berechtigt</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="130" />
        <source>mallory (%1): forged %2 as %3</source>
        <translation>mallory (%1): %2 als %3 gefälscht</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="131" />
        <source>mallory (%1): %2</source>
        <translation>mallory (%1): %2</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="132" />
        <source>replayed a captured frame from %1</source>
        <translation>einen mitgeschnittenen Frame von %1 wiederholt</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="133" />
        <source>tampered with a captured %1 from %2</source>
        <translation>ein mitgeschnittenes %1 von %2 verfälscht</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="134" />
        <source>PREPARE under a stale fencing token</source>
        <translation>PREPARE unter einem veralteten Fencing-Token</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="135" />
        <source>a length prefix of 2 GiB</source>
        <translation>ein Längenpräfix von 2 GiB</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="137" />
        <source>every fault cleared</source>
        <translation>alle Fehler aufgehoben</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="138" />
        <source>partition healed</source>
        <translation>Partition geheilt</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="139" />
        <source>split %1 | %2</source>
        <translation>geteilt %1 | %2</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="140" />
        <source>link %1 -&gt; %2: healthy</source>
        <translation>Verbindung %1 -&gt; %2: gesund</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="141" />
        <source>link %1 &lt;-&gt; %2: healthy</source>
        <translation>Verbindung %1 &lt;-&gt; %2: gesund</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="142" />
        <source>link %1 -&gt; %2: %3</source>
        <translation>Verbindung %1 -&gt; %2: %3</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="143" />
        <source>link %1 &lt;-&gt; %2: %3</source>
        <translation>Verbindung %1 &lt;-&gt; %2: %3</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="144" />
        <source>+%1 ms ±%2 ms</source>
        <translation>+%1 ms ±%2 ms</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="145" />
        <source>drop %1%</source>
        <translation>%1 % verlieren</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="146" />
        <source>duplicate %1%</source>
        <translation>%1 % verdoppeln</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="147" />
        <source>reorder %1%</source>
        <translation>%1 % vertauschen</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="148" />
        <source>%1: votes NO %2%, prepare delay %3 ms</source>
        <translation>%1: stimmt %2 % NEIN, Vorbereitung verzögert %3 ms</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="149" />
        <source>%1 slow: +%2 ms per message</source>
        <translation>%1 langsam: +%2 ms je Nachricht</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="150" />
        <source>%1 at full speed</source>
        <translation>%1 mit voller Geschwindigkeit</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="151" />
        <source>%1 crashed</source>
        <translation>%1 abgestürzt</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="152" />
        <source>%1 restarted</source>
        <translation>%1 neu gestartet</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="153" />
        <source>%1 paused</source>
        <translation>%1 angehalten</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="154" />
        <source>%1 resumed</source>
        <translation>%1 fortgesetzt</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="155" />
        <source>%1 isolated</source>
        <translation>%1 isoliert</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="156" />
        <source>crashed</source>
        <translation>abgestürzt</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="157" />
        <source>restarted</source>
        <translation>neu gestartet</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="159" />
        <source>circuit breaker %1 (a session manager answered)</source>
        <translation>Schutzschalter %1 (ein Session-Manager antwortete)</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="160" />
        <source>circuit breaker %1 (%2 failures in a row)</source>
        <translation>Schutzschalter %1 (%2 Fehlschläge in Folge)</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="161" />
        <source>circuit breaker %1 (cool-down over: one probe)</source>
        <translation>Schutzschalter %1 (Abkühlzeit vorbei: ein Versuch)</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="162" />
        <source>closed</source>
        <translation>geschlossen</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="163" />
        <source>open</source>
        <translation>offen</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="164" />
        <source>half-open</source>
        <translation>halboffen</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="165" />
        <source>request refused: %1</source>
        <translation>Anfrage abgewiesen: %1</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="166" />
        <source>dead letter replayed to %1</source>
        <translation>unzustellbare Entscheidung erneut an %1 gesendet</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="167" />
        <source>peer is back: reconnecting now</source>
        <translation>Gegenstelle ist zurück: verbinde jetzt neu</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="168" />
        <source>edge ignores %1</source>
        <translation>Edge ignoriert %1</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="169" />
        <source>release without its set-up transaction: ignored</source>
        <translation>Freigabe ohne ihre Einrichtungs-Transaktion: ignoriert</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="170" />
        <source>send buffer full, frame dropped</source>
        <translation>Sendepuffer voll, Frame verworfen</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="171" />
        <source>restart failed: cannot listen again: %1</source>
        <translation>Neustart fehlgeschlagen: kann nicht wieder lauschen: %1</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="172" />
        <source>cannot write %1: %2</source>
        <translation>kann %1 nicht schreiben: %2</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="173" />
        <source>cannot open %1: %2</source>
        <translation>kann %1 nicht öffnen: %2</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="174" />
        <source>its log</source>
        <translation>sein Protokoll</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="176" />
        <source>COMMIT</source>
        <translation>FESTSCHREIBEN</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="177" />
        <source>ABORT</source>
        <translation>ABBRECHEN</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="178" />
        <source>tx %1: %2 decided %3 after it settled as %4</source>
        <translation>Tx %1: %2 entschied %3, nachdem sie als %4 feststand</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="179" />
        <source>tx %1: %2 decided %3, the coordinator %4</source>
        <translation>Tx %1: %2 entschied %3, der Koordinator %4</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="180" />
        <source>tx %1: %2 decided %3, %4 %5</source>
        <translation>Tx %1: %2 entschied %3, %4 %5</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="181" />
        <source>tx %1: %2 reversed its decision to %3</source>
        <translation>Tx %1: %2 kehrte seine Entscheidung zu %3 um</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="182" />
        <source>tx %1: %2 committed without a YES from %3</source>
        <translation>Tx %1: %2 schrieb fest ohne ein JA von %3</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="183" />
        <source>tx %1: %2 committed before any durable coordinator decision</source>
        <translation>Tx %1: %2 schrieb fest vor jeder dauerhaften Entscheidung des Koordinators</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="184" />
        <source>tx %1: the coordinator never decided</source>
        <translation>Tx %1: der Koordinator entschied nie</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="185" />
        <source>tx %1: %2 voted YES and never learned the outcome</source>
        <translation>Tx %1: %2 stimmte JA und erfuhr nie den Ausgang</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="186" />
        <source>tx %1 aborted in a run with no faults</source>
        <translation>Tx %1 brach in einem Lauf ohne Fehler ab</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="187" />
        <source>%1 accepted a PREPARE with fencing token %2 after token %3</source>
        <translation>%1 nahm ein PREPARE mit Fencing-Token %2 nach Token %3 an</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="188" />
        <source>key %1 went from version %2 to %3</source>
        <translation>Schlüssel %1 ging von Version %2 zu %3</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="189" />
        <source>%1 accepted event %2 of session %3 after %4</source>
        <translation>%1 nahm Ereignis %2 der Sitzung %3 nach %4 an</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="190" />
        <source>two leaders with fencing token %1: %2 and %3</source>
        <translation>zwei Leader mit Fencing-Token %1: %2 und %3</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="191" />
        <source>session %1 decided by tx %2 and again by tx %3</source>
        <translation>Sitzung %1 entschieden von Tx %2 und erneut von Tx %3</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="192" />
        <source>session %1 committed by tx %2 after its client was told ABORTED (trace event #%3)</source>
        <translation>Sitzung %1 von Tx %2 festgeschrieben, nachdem ihrem Client ABGEBROCHEN gemeldet wurde (Trace-Ereignis #%3)</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="194" />
        <source>%1 committed release tx %2 of the session set up by tx %3 after release tx %4: what it held is freed twice</source>
        <translation>%1 schrieb Freigabe-Tx %2 der von Tx %3 eingerichteten Sitzung nach Freigabe-Tx %4 fest: was sie hielt, wird doppelt freigegeben</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="196" />
        <source>release tx %1 committed for session %2, whose set-up tx %3 never committed</source>
        <translation>Freigabe-Tx %1 für Sitzung %2 festgeschrieben, deren Einrichtungs-Tx %3 nie festgeschrieben wurde</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="198" />
        <source>session %1 released by tx %2 and again by tx %3</source>
        <translation>Sitzung %1 freigegeben von Tx %2 und erneut von Tx %3</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="199" />
        <source>the client of session %1 was told RELEASED and no release of it committed</source>
        <translation>dem Client der Sitzung %1 wurde FREIGEGEBEN gemeldet, und keine Freigabe wurde festgeschrieben</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="201" />
        <source>the client of session %1 was told RELEASED by tx %2, which did not release it</source>
        <translation>dem Client der Sitzung %1 wurde FREIGEGEBEN von Tx %2 gemeldet, die sie nicht freigab</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="203" />
        <source>the client of session %1 was told COMMITTED and no coordinator committed it</source>
        <translation>dem Client der Sitzung %1 wurde FESTGESCHRIEBEN gemeldet, und kein Koordinator schrieb sie fest</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="205" />
        <source>the client of session %1 was told COMMITTED by tx %2, which did not commit it</source>
        <translation>dem Client der Sitzung %1 wurde FESTGESCHRIEBEN von Tx %2 gemeldet, die sie nicht festschrieb</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="207" />
        <source>the client of session %1 was told ABORTED though tx %2 committed it</source>
        <translation>dem Client der Sitzung %1 wurde ABGEBROCHEN gemeldet, obwohl Tx %2 sie festschrieb</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="209" />
        <source>the trace filled up after %1 events and %2 more were not recorded: end-of-run rules (AC4, AC5) not checked</source>
        <translation>der Trace war nach %1 Ereignissen voll und %2 weitere wurden nicht aufgezeichnet: Regeln am Laufende (AC4, AC5) nicht geprüft</translation>
    </message>
    <message>
        <location filename="../widgets/detailtext.cpp" line="297" />
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
        <location filename="../widgets/sequence/sequencepainter.cpp" line="93" />
        <source>client and session</source>
        <translation>Client und Sitzung</translation>
    </message>
    <message>
        <location filename="../widgets/sequence/sequencepainter.cpp" line="95" />
        <source>prepare, pre-commit</source>
        <translation>Vorbereiten, Vorfestschreiben</translation>
    </message>
    <message>
        <location filename="../widgets/sequence/sequencepainter.cpp" line="97" />
        <source>vote, acknowledgement</source>
        <translation>Stimme, Bestätigung</translation>
    </message>
    <message>
        <location filename="../widgets/sequence/sequencepainter.cpp" line="99" />
        <source>commit, abort</source>
        <translation>Festschreiben, Abbrechen</translation>
    </message>
    <message>
        <location filename="../widgets/sequence/sequencepainter.cpp" line="101" />
        <source>lease</source>
        <translation>Lease</translation>
    </message>
    <message>
        <location filename="../widgets/sequence/sequencepainter.cpp" line="103" />
        <source>DSM and locks</source>
        <translation>DSM und Sperren</translation>
    </message>
    <message>
        <location filename="../widgets/sequence/sequencepainter.cpp" line="105" />
        <source>stream event</source>
        <translation>Stream-Ereignis</translation>
    </message>
    <message>
        <location filename="../widgets/sequence/sequencepainter.cpp" line="107" />
        <source>forged</source>
        <translation>gefälscht</translation>
    </message>
    <message>
        <location filename="../widgets/sequence/sequencepainter.cpp" line="138" />
        <source>#%L1</source>
        <translation>#%L1</translation>
    </message>
    <message>
        <location filename="../widgets/sequence/sequencepainter.cpp" line="166" />
        <source>partition</source>
        <translation>Partition</translation>
    </message>
    <message>
        <location filename="../widgets/sequence/sequencepainter.cpp" line="179" />
        <source>paused</source>
        <translation>angehalten</translation>
    </message>
    <message>
        <location filename="../widgets/sequence/sequencepainter.cpp" line="183" />
        <source>slow +%1 ms</source>
        <translation>langsam +%1 ms</translation>
    </message>
    <message>
        <location filename="../widgets/sequence/sequencepainter.cpp" line="189" />
        <source>isolated</source>
        <translation>isoliert</translation>
    </message>
    <message>
        <location filename="../widgets/sequence/sequencepainter.cpp" line="216" />
        <source>crashed</source>
        <translation>abgestürzt</translation>
    </message>
    <message>
        <location filename="../widgets/sequence/sequencepainter.cpp" line="235" />
        <source>leader, token %1</source>
        <translation>Leader, Token %1</translation>
    </message>
    <message>
        <location filename="../widgets/sequence/sequencepainter.cpp" line="411" />
        <source>lost in the network</source>
        <translation>im Netz verloren</translation>
    </message>
    <message>
        <location filename="../widgets/sequence/sequencepainter.cpp" line="412" />
        <source>refused by the receiver</source>
        <translation>vom Empfänger abgewiesen</translation>
    </message>
    <message>
        <location filename="../widgets/sequence/sequencepainter.cpp" line="413" />
        <source>in flight</source>
        <translation>unterwegs</translation>
    </message>
</context>
<context>
    <name>edgecore::EventLogModel</name>
    <message>
        <location filename="../widgets/eventlogmodel.cpp" line="19" />
        <source>send</source>
        <translation>gesendet</translation>
    </message>
    <message>
        <location filename="../widgets/eventlogmodel.cpp" line="21" />
        <source>deliver</source>
        <translation>zugestellt</translation>
    </message>
    <message>
        <location filename="../widgets/eventlogmodel.cpp" line="23" />
        <source>refused</source>
        <translation>abgewiesen</translation>
    </message>
    <message>
        <location filename="../widgets/eventlogmodel.cpp" line="25" />
        <source>state</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <location filename="../widgets/eventlogmodel.cpp" line="27" />
        <source>dsm write</source>
        <translation>DSM-Schreiben</translation>
    </message>
    <message>
        <location filename="../widgets/eventlogmodel.cpp" line="29" />
        <source>session</source>
        <translation>Sitzung</translation>
    </message>
    <message>
        <location filename="../widgets/eventlogmodel.cpp" line="31" />
        <source>connection</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <location filename="../widgets/eventlogmodel.cpp" line="33" />
        <source>note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <location filename="../widgets/eventlogmodel.cpp" line="35" />
        <source>vote</source>
        <translation>Stimme</translation>
    </message>
    <message>
        <location filename="../widgets/eventlogmodel.cpp" line="37" />
        <source>decision</source>
        <translation>Entscheidung</translation>
    </message>
    <message>
        <location filename="../widgets/eventlogmodel.cpp" line="39" />
        <source>lease</source>
        <translation>Lease</translation>
    </message>
    <message>
        <location filename="../widgets/eventlogmodel.cpp" line="41" />
        <source>stream event</source>
        <translation>Stream-Ereignis</translation>
    </message>
    <message>
        <location filename="../widgets/eventlogmodel.cpp" line="43" />
        <source>lost</source>
        <translation>verloren</translation>
    </message>
    <message>
        <location filename="../widgets/eventlogmodel.cpp" line="45" />
        <source>fault</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location filename="../widgets/eventlogmodel.cpp" line="47" />
        <source>lock</source>
        <translation>Sperre</translation>
    </message>
    <message>
        <location filename="../widgets/eventlogmodel.cpp" line="49" />
        <source>halt</source>
        <translation>Halt</translation>
    </message>
    <message>
        <location filename="../widgets/eventlogmodel.cpp" line="145" />
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location filename="../widgets/eventlogmodel.cpp" line="147" />
        <source>Lab time (ms)</source>
        <translation>Laborzeit (ms)</translation>
    </message>
    <message>
        <location filename="../widgets/eventlogmodel.cpp" line="149" />
        <source>Node</source>
        <translation>Knoten</translation>
    </message>
    <message>
        <location filename="../widgets/eventlogmodel.cpp" line="151" />
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <location filename="../widgets/eventlogmodel.cpp" line="153" />
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <location filename="../widgets/eventlogmodel.cpp" line="155" />
        <source>Peer</source>
        <translation>Gegenstelle</translation>
    </message>
    <message>
        <location filename="../widgets/eventlogmodel.cpp" line="157" />
        <source>Transaction</source>
        <translation>Transaktion</translation>
    </message>
    <message>
        <location filename="../widgets/eventlogmodel.cpp" line="159" />
        <source>Lamport</source>
        <translation>Lamport</translation>
    </message>
    <message>
        <location filename="../widgets/eventlogmodel.cpp" line="161" />
        <source>Detail</source>
        <translation>Detail</translation>
    </message>
</context>
<context>
    <name>edgecore::MainWindow</name>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="76" />
        <location filename="../widgets/mainwindow.cpp" line="590" />
        <location filename="../widgets/mainwindow.cpp" line="629" />
        <source>EdgeCore Lab</source>
        <translation>EdgeCore Lab</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="148" />
        <source>Sessions</source>
        <translation>Sitzungen</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="173" />
        <source>Show:</source>
        <translation>Zeigen:</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="174" />
        <source>in flight</source>
        <translation>unterwegs</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="174" />
        <source>lost</source>
        <translation>verloren</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="174" />
        <source>refused</source>
        <translation>abgewiesen</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="192" />
        <source>&amp;Transaction:</source>
        <translation>&amp;Transaktion:</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="195" />
        <source>every one (e.g. 2.15)</source>
        <translation>jede (z. B. 2.15)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="232" />
        <source>Click a message on the diagram to see everything about it.</source>
        <translation>Klicken Sie auf eine Nachricht im Diagramm, um alles über sie zu sehen.</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="242" />
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="242" />
        <source>To</source>
        <translation>An</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="242" />
        <source>Parked at (ms)</source>
        <translation>Geparkt bei (ms)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="248" />
        <source>Pending Deliveries</source>
        <translation>Ausstehende Zustellungen</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="264" />
        <source>Event Log</source>
        <translation>Ereignisprotokoll</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="284" />
        <source>Load test %v/%m</source>
        <translation>Lasttest %v/%m</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="288" />
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="289" />
        <source>Stop the load test: nothing more is submitted; what is under way finishes</source>
        <translation>Den Lasttest beenden: nichts Neues wird gestartet; was läuft, endet</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="298" />
        <source>The invariant checker, reading every trace event as it comes: click for its report</source>
        <translation>Der Invariantenprüfer liest jedes Trace-Ereignis, sobald es kommt: klicken für seinen Bericht</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="342" />
        <source>Lab</source>
        <translation>Labor</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="346" />
        <source>&amp;Lab</source>
        <translation>&amp;Labor</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="354" />
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="360" />
        <source>&amp;Run</source>
        <translation>&amp;Starten</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="362" />
        <source>&amp;Pause</source>
        <translation>&amp;Anhalten</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="364" />
        <source>S&amp;tep Mode</source>
        <translation>Schritt&amp;modus</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="367" />
        <source>Step mode (F10): the clock stands still; deliver the frames one by one in Pending Deliveries (Enter, N), drop one (Del), or move the clock to the next deadline (T)</source>
        <translation>Schrittmodus (F10): die Uhr steht still; stellen Sie die Frames in „Ausstehende Zustellungen“ einzeln zu (Eingabe, N), verwerfen Sie einen (Entf) oder stellen Sie die Uhr auf die nächste Frist vor (T)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="382" />
        <source>Deliver the Oldest</source>
        <translation>Den ältesten zustellen</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="384" />
        <source>Deliver the Selected</source>
        <translation>Den gewählten zustellen</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="386" />
        <source>Drop the Selected</source>
        <translation>Den gewählten verwerfen</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="388" />
        <source>Advance to the Next Deadline</source>
        <translation>Zur nächsten Frist vorstellen</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="392" />
        <source>Protocol</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="402" />
        <source>New &amp;VOICE Session</source>
        <translation>Neue &amp;VOICE-Sitzung</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="405" />
        <source>New &amp;DATA Session</source>
        <translation>Neue &amp;DATA-Sitzung</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="408" />
        <source>&amp;Load Test</source>
        <translation>&amp;Lasttest</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="412" />
        <source>Seed</source>
        <translation>Startwert</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="429" />
        <source>Speed</source>
        <translation>Tempo</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="447" />
        <source>R&amp;eset</source>
        <translation>&amp;Zurücksetzen</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="450" />
        <source>Pre&amp;ferences…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="466" />
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="468" />
        <source>&amp;Open Run…</source>
        <translation>Lauf ö&amp;ffnen…</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="470" />
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="473" />
        <source>&amp;Save Run As…</source>
        <translation>Lauf &amp;speichern unter…</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="475" />
        <source>&amp;Export</source>
        <translation>&amp;Exportieren</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="476" />
        <source>&amp;Trace for Chrome or Perfetto…</source>
        <translation>&amp;Trace für Chrome oder Perfetto…</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="478" />
        <source>&amp;Summary (JSON)…</source>
        <translation>&amp;Zusammenfassung (JSON)…</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="480" />
        <source>Show Run &amp;Folder</source>
        <translation>Lauf&amp;ordner zeigen</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="483" />
        <source>Run folder</source>
        <translation>Laufordner</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="484" />
        <source>The run folder is %1</source>
        <translation>Der Laufordner ist %1</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="497" />
        <source>&amp;Sessions</source>
        <translation>&amp;Sitzungen</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="501" />
        <source>&amp;Message Detail</source>
        <translation>&amp;Nachrichtendetails</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="505" />
        <source>&amp;Pending Deliveries</source>
        <translation>&amp;Ausstehende Zustellungen</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="520" />
        <source>&amp;Fit the Whole Run</source>
        <translation>Ganzen Lauf ein&amp;passen</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="522" />
        <source>Follow the &amp;Live End</source>
        <translation>Dem &amp;laufenden Ende folgen</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="528" />
        <source>Event Order &amp;Down the Side</source>
        <translation>Ereignis&amp;folge an der Seite</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="534" />
        <source>One row per event instead of lab time: in step mode, where the clock stands still, every step gets its own row</source>
        <translation>Eine Zeile je Ereignis statt Laborzeit: im Schrittmodus, wo die Uhr stillsteht, bekommt jeder Schritt seine eigene Zeile</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="597" />
        <source>Could not remove the old run folder %1</source>
        <translation>Der alte Laufordner %1 ließ sich nicht entfernen</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="630" />
        <source>%1 – EdgeCore Lab</source>
        <translation>%1 – EdgeCore Lab</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="728" />
        <source>Every invariant holds over the %L1 transactions seen so far.</source>
        <translation>Jede Invariante gilt über die %L1 bisher gesehenen Transaktionen.</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="831" />
        <source>Saved run: %L1 events (the sessions table shows live runs only); Reset returns to a live lab</source>
        <translation>Gespeicherter Lauf: %L1 Ereignisse (die Sitzungstabelle zeigt nur laufende Läufe); Zurücksetzen kehrt zu einem laufenden Labor zurück</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="835" />
        <location filename="../widgets/mainwindow.cpp" line="880" />
        <source>Lab time %L1 s</source>
        <translation>Laborzeit %L1 s</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="848" />
        <source>Committed %L1 (active %L2, released %L3) · Aborted %L4 · Invalid %L5 · Rejected frames %L6 · Events %L7</source>
        <translation>Festgeschrieben %L1 (aktiv %L2, freigegeben %L3) · Abgebrochen %L4 · Ungültig %L5 · Abgewiesene Frames %L6 · Ereignisse %L7</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="865" />
        <source>Trace full: %L1 events not recorded</source>
        <translation>Trace voll: %L1 Ereignisse nicht aufgezeichnet</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="879" />
        <source>Lab time %L1 s (paused)</source>
        <translation>Laborzeit %L1 s (angehalten)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="903" />
        <source>There is no live run to save.</source>
        <translation>Es gibt keinen laufenden Lauf zum Speichern.</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="906" />
        <source>%1 is not empty: choose a new or an empty folder.</source>
        <translation>%1 ist nicht leer: wählen Sie einen neuen oder leeren Ordner.</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="909" />
        <source>Cannot create %1.</source>
        <translation>%1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="934" />
        <source>Cannot copy %1: %2</source>
        <translation>%1 kann nicht kopiert werden: %2</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="949" />
        <location filename="../widgets/mainwindow.cpp" line="1135" />
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="991" />
        <source>%1 holds no EdgeCore Lab run (no %2 in it).</source>
        <translation>%1 enthält keinen EdgeCore-Lab-Lauf (kein %2 darin).</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="998" />
        <source>Cannot open the run: %1</source>
        <translation>Der Lauf kann nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1029" />
        <source>The run's last event was cut off (the run was still being written or was stopped): it opens up to its last complete event.</source>
        <translation>Das letzte Ereignis des Laufs ist abgeschnitten (der Lauf wurde noch geschrieben oder abgebrochen): er öffnet sich bis zu seinem letzten vollständigen Ereignis.</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1058" />
        <source>&amp;%1 %2</source>
        <translation>&amp;%1 %2</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="174" />
        <location filename="../widgets/mainwindow.cpp" line="1271" />
        <source>delivered</source>
        <translation>zugestellt</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1274" />
        <source>lost: the network is partitioned</source>
        <translation>verloren: das Netz ist geteilt</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1275" />
        <source>lost: dropped by hand in step mode</source>
        <translation>verloren: im Schrittmodus von Hand verworfen</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1277" />
        <source>lost: the link dropped it</source>
        <translation>verloren: die Verbindung hat sie verworfen</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1280" />
        <source>refused: %1</source>
        <translation>abgewiesen: %1</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1284" />
        <source>in flight (not delivered yet)</source>
        <translation>unterwegs (noch nicht zugestellt)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1288" />
        <source>From → to</source>
        <translation>Von → an</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1288" />
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1289" />
        <source>What</source>
        <translation>Was</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1290" />
        <source>Fate</source>
        <translation>Verbleib</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1364" />
        <source>client</source>
        <translation>Client</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1374" />
        <source>Pending Deliveries (%L1)</source>
        <translation>Ausstehende Zustellungen (%L1)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="242" />
        <location filename="../widgets/mainwindow.cpp" line="1291" />
        <source>Transaction</source>
        <translation>Transaktion</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1276" />
        <source>lost: its receiver was down</source>
        <translation>verloren: sein Empfänger war ausgefallen</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1292" />
        <source>Session</source>
        <translation>Sitzung</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1293" />
        <source>Frame number</source>
        <translation>Frame-Nummer</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1295" />
        <source>Latency</source>
        <translation>Latenz</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1295" />
        <location filename="../widgets/mainwindow.cpp" line="1302" />
        <source>%L1 ms</source>
        <translation>%L1 ms</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1301" />
        <source>Trace event</source>
        <translation>Trace-Ereignis</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1301" />
        <source>#%L1</source>
        <translation>#%L1</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1302" />
        <source>Lab time</source>
        <translation>Laborzeit</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1303" />
        <source>Wall time</source>
        <translation>Uhrzeit</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1304" />
        <source>Lamport clock</source>
        <translation>Lamport-Uhr</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1305" />
        <source>Vector clock</source>
        <translation>Vektoruhr</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1309" />
        <source>Sent by %1</source>
        <translation>Gesendet von %1</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1311" />
        <source>Delivered to %1</source>
        <translation>Zugestellt an %1</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1312" />
        <source>Lost</source>
        <translation>Verloren</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1313" />
        <source>Refused by %1</source>
        <translation>Abgewiesen von %1</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="982" />
        <location filename="../widgets/mainwindow.cpp" line="1064" />
        <location filename="../widgets/mainwindow.cpp" line="1093" />
        <location filename="../widgets/mainwindow.cpp" line="1098" />
        <source>Open Run</source>
        <translation>Lauf öffnen</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1070" />
        <source>No recent runs</source>
        <translation>Keine zuletzt geöffneten Läufe</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1072" />
        <source>&amp;Clear List</source>
        <translation>Liste &amp;leeren</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1078" />
        <location filename="../widgets/mainwindow.cpp" line="1088" />
        <source>Save Run As</source>
        <translation>Lauf speichern unter</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1085" />
        <source>Saved the run to %1</source>
        <translation>Lauf in %1 gespeichert</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1106" />
        <location filename="../widgets/mainwindow.cpp" line="1113" />
        <source>Export Trace</source>
        <translation>Trace exportieren</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1108" />
        <source>Chrome trace (*.json)</source>
        <translation>Chrome-Trace (*.json)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1115" />
        <source>Exported %1</source>
        <translation>%1 exportiert</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1123" />
        <location filename="../widgets/mainwindow.cpp" line="1134" />
        <source>Export Summary</source>
        <translation>Zusammenfassung exportieren</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1123" />
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1167" />
        <source>Keyboard Shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1172" />
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1172" />
        <source>Shortcut</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1205" />
        <source>EdgeCore Lab Manual</source>
        <translation>EdgeCore-Lab-Handbuch</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1212" />
        <source>&amp;Back</source>
        <translation>&amp;Zurück</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1226" />
        <source>About EdgeCore Lab</source>
        <translation>Über EdgeCore Lab</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="1227" />
        <source>&lt;h3&gt;EdgeCore Lab %1&lt;/h3&gt;&lt;p&gt;A desktop lab for distributed protocols: an edge gateway, three session managers electing a leader, 2PC and 3PC participants, a versioned shared memory and a malicious node, each a real server on its own thread, talking over loopback TCP with signed frames.&lt;/p&gt;&lt;p&gt;Built with Qt %2.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;EdgeCore Lab %1&lt;/h3&gt;&lt;p&gt;Ein Desktop-Labor für verteilte Protokolle: ein Edge-Gateway, drei Session-Manager, die einen Leader wählen, 2PC- und 3PC-Teilnehmer, ein versionierter gemeinsamer Speicher und ein bösartiger Knoten, jeder ein echter Server in einem eigenen Thread, die über Loopback-TCP mit signierten Frames sprechen.&lt;/p&gt;&lt;p&gt;Gebaut mit Qt %2.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="398" />
        <source>Commit protocol of the sessions you start from here</source>
        <translation>Commit-Protokoll der Sitzungen, die Sie hier starten</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="421" />
        <source>Seed for every random choice of the next reset</source>
        <translation>Startwert für jede Zufallsentscheidung nach dem nächsten Zurücksetzen</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="439" />
        <source>Lab clock speed: 0.1 (slow motion) to 10</source>
        <translation>Tempo der Laboruhr: 0,1 (Zeitlupe) bis 10</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="487" />
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="489" />
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="492" />
        <source>&amp;Event Log</source>
        <translation>&amp;Ereignisprotokoll</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="509" />
        <source>&amp;Toolbar</source>
        <translation>&amp;Werkzeugleiste</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="513" />
        <source>Zoom &amp;In</source>
        <translation>&amp;Vergrößern</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="515" />
        <source>Zoom &amp;Out</source>
        <translation>Ver&amp;kleinern</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="517" />
        <source>&amp;Actual Size</source>
        <translation>&amp;Originalgröße</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="540" />
        <source>&amp;Reset Layout</source>
        <translation>Anordnung &amp;zurücksetzen</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="547" />
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="549" />
        <source>&amp;Manual</source>
        <translation>&amp;Handbuch</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="551" />
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="554" />
        <source>&amp;About EdgeCore Lab</source>
        <translation>Ü&amp;ber EdgeCore Lab</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="556" />
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="591" />
        <source>The cluster could not start:
%1</source>
        <translation>Der Cluster konnte nicht starten:
%1</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="719" />
        <source>Invariant checker</source>
        <translation>Invariantenprüfer</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="735" />
        <source>%1 violated: %2 (trace event #%L3); replay with --seed %4</source>
        <translation>%1 verletzt: %2 (Trace-Ereignis #%L3); wiederholen mit --seed %4</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="739" />
        <source>%1 violated: %2; replay with --seed %3</source>
        <translation>%1 verletzt: %2; wiederholen mit --seed %3</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="744" />
        <source>and %L1 more</source>
        <translation>und %L1 weitere</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="752" />
        <source>What happened to it:</source>
        <translation>Was geschah:</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="756" />
        <source>Lab time (ms)</source>
        <translation>Laborzeit (ms)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="756" />
        <source>Node</source>
        <translation>Knoten</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="756" />
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="233" />
        <location filename="../widgets/mainwindow.cpp" line="242" />
        <location filename="../widgets/mainwindow.cpp" line="757" />
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="757" />
        <source>Peer</source>
        <translation>Gegenstelle</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="757" />
        <location filename="../widgets/mainwindow.cpp" line="1307" />
        <source>Detail</source>
        <translation>Detail</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="842" />
        <location filename="../widgets/mainwindow.cpp" line="869" />
        <source>Checker: ok</source>
        <translation>Prüfer: ok</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="862" />
        <source>A service halted: storage failure (%1)</source>
        <translation>Ein Dienst hat angehalten: Speicherfehler (%1)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="863" />
        <source>%1 services halted: storage failure</source>
        <translation>%1 Dienste haben angehalten: Speicherfehler</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="843" />
        <location filename="../widgets/mainwindow.cpp" line="870" />
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
        <location filename="../widgets/sequence/sequenceview.cpp" line="93" />
        <source>Show Only Transaction %1</source>
        <translation>Nur Transaktion %1 zeigen</translation>
    </message>
    <message>
        <location filename="../widgets/sequence/sequenceview.cpp" line="97" />
        <source>Show Every Transaction</source>
        <translation>Jede Transaktion zeigen</translation>
    </message>
    <message>
        <location filename="../widgets/sequence/sequenceview.cpp" line="101" />
        <source>Hide the %1 Lifeline</source>
        <translation>Lebenslinie %1 ausblenden</translation>
    </message>
    <message>
        <location filename="../widgets/sequence/sequenceview.cpp" line="105" />
        <source>Show Every Lifeline</source>
        <translation>Jede Lebenslinie zeigen</translation>
    </message>
    <message>
        <location filename="../widgets/sequence/sequenceview.cpp" line="340" />
        <source>delivered after %L1 ms</source>
        <translation>zugestellt nach %L1 ms</translation>
    </message>
    <message>
        <location filename="../widgets/sequence/sequenceview.cpp" line="341" />
        <source>lost in the network</source>
        <translation>im Netz verloren</translation>
    </message>
    <message>
        <location filename="../widgets/sequence/sequenceview.cpp" line="342" />
        <source>refused by its receiver</source>
        <translation>vom Empfänger abgewiesen</translation>
    </message>
    <message>
        <location filename="../widgets/sequence/sequenceview.cpp" line="343" />
        <source>in flight</source>
        <translation>unterwegs</translation>
    </message>
    <message>
        <location filename="../widgets/sequence/sequenceview.cpp" line="345" />
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
        <location filename="../widgets/sessionsmodel.cpp" line="67" />
        <source>Released %L1 ms after it ended</source>
        <translation>%L1 ms nach ihrem Ende freigegeben</translation>
    </message>
    <message>
        <location filename="../widgets/sessionsmodel.cpp" line="96" />
        <source>Request</source>
        <translation>Anfrage</translation>
    </message>
    <message>
        <location filename="../widgets/sessionsmodel.cpp" line="98" />
        <source>Session</source>
        <translation>Sitzung</translation>
    </message>
    <message>
        <location filename="../widgets/sessionsmodel.cpp" line="100" />
        <source>Subscriber</source>
        <translation>Teilnehmer</translation>
    </message>
    <message>
        <location filename="../widgets/sessionsmodel.cpp" line="102" />
        <source>Class</source>
        <translation>Klasse</translation>
    </message>
    <message>
        <location filename="../widgets/sessionsmodel.cpp" line="104" />
        <source>Protocol</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <location filename="../widgets/sessionsmodel.cpp" line="106" />
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <location filename="../widgets/sessionsmodel.cpp" line="108" />
        <source>Latency (ms)</source>
        <translation>Latenz (ms)</translation>
    </message>
    <message>
        <location filename="../widgets/sessionsmodel.cpp" line="110" />
        <source>Lasts (s)</source>
        <translation>Dauer (s)</translation>
    </message>
    <message>
        <location filename="../widgets/sessionsmodel.cpp" line="112" />
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
</context>
</TS>
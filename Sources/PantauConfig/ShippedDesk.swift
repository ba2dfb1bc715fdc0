extension DeskConfig {
    /// The shipped desk: the Kota Tangerang roster, example users, APCO-style dispositions and
    /// the standard targets. What every section left out of a desk file falls back to.
    public static let shipped: DeskConfig = {
        do {
            return try parse(shippedYAML, file: shippedFileName, defaults: fallback)
        } catch {
            // The shipped text is checked by the tests; this is not reached.
            return fallback
        }
    }()

    /// The name the shipped desk goes by in messages.
    public static let shippedFileName = "desk.yaml (shipped)"

    /// What the shipped desk is read over (each of its sections replaces one of these).
    private static let fallback = DeskConfig(
        units: [], users: [],
        dispositions: [Disposition(code: duplicateDisposition, label: "Duplicate of another incident")],
        targets: .standard)

    /// The shipped desk file, commented: what `pantau desk example` prints, the way to start
    /// your own. Stations are plausible places inside Kota Tangerang, not an official list.
    public static let shippedYAML = #"""
    # Pantau desk file: the units roster, the users and their roles, the disposition codes and
    # the response targets. Every section is optional: one left out is this file's. Check yours
    # with `pantau desk check FILE`, use it with `--desk FILE` on run, demo, replay and snapshot.

    # The response units. `id` is what actions name (letters, digits, - _ .), unique; `agency`
    # as incidents name it (the dispatch picker offers the responding agency's units first);
    # `kind` is free text (fire_engine, rescue, boat, trc, ambulance, patrol, tow, pump, crew …);
    # `station`, `lat` and `lon` (both or neither) are where the unit waits: nearest first.
    units:
      # Damkar (Dinas Pemadam Kebakaran dan Penyelamatan): fires, rescues, fallen trees.
      - id: DMK-01
        name: Damkar Mako 1
        agency: Damkar
        kind: fire_engine
        station: Mako Damkar, Jl. Satria Sudirman
        lat: -6.1772
        lon: 106.6336
      - id: DMK-02
        name: Damkar Mako Rescue
        agency: Damkar
        kind: rescue
        station: Mako Damkar, Jl. Satria Sudirman
        lat: -6.1772
        lon: 106.6336
      - id: DMK-03
        name: Damkar Pos Cipondoh
        agency: Damkar
        kind: fire_engine
        station: Pos Damkar Cipondoh
        lat: -6.1850
        lon: 106.6790
      - id: DMK-04
        name: Damkar Pos Ciledug
        agency: Damkar
        kind: fire_engine
        station: Pos Damkar Ciledug
        lat: -6.2340
        lon: 106.7060
      - id: DMK-05
        name: Damkar Pos Jatiuwung
        agency: Damkar
        kind: fire_engine
        station: Pos Damkar Jatiuwung
        lat: -6.1960
        lon: 106.5800
      - id: DMK-06
        name: Damkar Pos Periuk
        agency: Damkar
        kind: fire_engine
        station: Pos Damkar Periuk
        lat: -6.1690
        lon: 106.5980
      - id: DMK-07
        name: Damkar Pos Karawaci Tanker
        agency: Damkar
        kind: water_tanker
        station: Pos Damkar Karawaci
        lat: -6.1830
        lon: 106.6180
      - id: DMK-08
        name: Damkar Pos Benda
        agency: Damkar
        kind: fire_engine
        station: Pos Damkar Benda
        lat: -6.1350
        lon: 106.6700
      - id: DMK-09
        name: Damkar Pos Larangan Rescue
        agency: Damkar
        kind: rescue
        station: Pos Damkar Larangan
        lat: -6.2360
        lon: 106.7320

      # BPBD (Badan Penanggulangan Bencana Daerah): floods, storms, evacuations.
      - id: BPB-01
        name: BPBD TRC 1
        agency: BPBD
        kind: trc
        station: Markas BPBD, Jl. Satria Sudirman
        lat: -6.1760
        lon: 106.6345
      - id: BPB-02
        name: BPBD TRC 2
        agency: BPBD
        kind: trc
        station: Markas BPBD, Jl. Satria Sudirman
        lat: -6.1760
        lon: 106.6345
      - id: BPB-03
        name: BPBD Perahu Periuk
        agency: BPBD
        kind: boat
        station: Posko Banjir Periuk
        lat: -6.1640
        lon: 106.5900
      - id: BPB-04
        name: BPBD Perahu Ciledug
        agency: BPBD
        kind: boat
        station: Posko Banjir Ciledug (Kali Angke)
        lat: -6.2300
        lon: 106.7090
      - id: BPB-05
        name: BPBD Perahu Karang Tengah
        agency: BPBD
        kind: boat
        station: Posko Banjir Karang Tengah
        lat: -6.2120
        lon: 106.7120

      # Dinkes: PSC 119 ambulances, RSUD Kota Tangerang and the Puskesmas.
      - id: AMB-01
        name: PSC 119 Ambulans 1
        agency: Dinkes
        kind: ambulance
        station: PSC 119 Kota Tangerang
        lat: -6.1790
        lon: 106.6320
      - id: AMB-02
        name: PSC 119 Ambulans 2
        agency: Dinkes
        kind: ambulance
        station: PSC 119 Kota Tangerang
        lat: -6.1790
        lon: 106.6320
      - id: AMB-03
        name: Ambulans RSUD Kota Tangerang
        agency: Dinkes
        kind: ambulance
        station: RSUD Kota Tangerang
        lat: -6.1985
        lon: 106.6470
      - id: AMB-04
        name: Ambulans Puskesmas Cipondoh
        agency: Dinkes
        kind: ambulance
        station: Puskesmas Cipondoh
        lat: -6.1870
        lon: 106.6860
      - id: AMB-05
        name: Ambulans Puskesmas Ciledug
        agency: Dinkes
        kind: ambulance
        station: Puskesmas Ciledug
        lat: -6.2390
        lon: 106.7050
      - id: AMB-06
        name: Ambulans Puskesmas Periuk Jaya
        agency: Dinkes
        kind: ambulance
        station: Puskesmas Periuk Jaya
        lat: -6.1700
        lon: 106.5920
      - id: AMB-07
        name: Ambulans Puskesmas Jatiuwung
        agency: Dinkes
        kind: ambulance
        station: Puskesmas Jatiuwung
        lat: -6.2010
        lon: 106.5760
      - id: AMB-08
        name: Ambulans Puskesmas Neglasari
        agency: Dinkes
        kind: ambulance
        station: Puskesmas Neglasari
        lat: -6.1420
        lon: 106.6310

      # Satpol PP: public order patrols.
      - id: SPP-01
        name: Satpol PP Patroli 1
        agency: Satpol PP
        kind: patrol
        station: Mako Satpol PP, Puspemkot
        lat: -6.1768
        lon: 106.6350
      - id: SPP-02
        name: Satpol PP Patroli 2
        agency: Satpol PP
        kind: patrol
        station: Mako Satpol PP, Puspemkot
        lat: -6.1768
        lon: 106.6350
      - id: SPP-03
        name: Satpol PP Patroli Barat
        agency: Satpol PP
        kind: patrol
        station: Kantor Kecamatan Cibodas
        lat: -6.2060
        lon: 106.6080
      - id: SPP-04
        name: Satpol PP Patroli Timur
        agency: Satpol PP
        kind: patrol
        station: Kantor Kecamatan Karang Tengah
        lat: -6.2100
        lon: 106.7100

      # Dinas Perhubungan: tow trucks and traffic units.
      - id: DSH-01
        name: Dishub Derek 1
        agency: Dinas Perhubungan
        kind: tow
        station: Kantor Dinas Perhubungan, Cikokol
        lat: -6.1830
        lon: 106.6380
      - id: DSH-02
        name: Dishub Derek 2
        agency: Dinas Perhubungan
        kind: tow
        station: Kantor Dinas Perhubungan, Cikokol
        lat: -6.1830
        lon: 106.6380
      - id: DSH-03
        name: Dishub Patroli Lalu Lintas Batuceper
        agency: Dinas Perhubungan
        kind: traffic
        station: Pos Dishub Batuceper
        lat: -6.1620
        lon: 106.6660
      - id: DSH-04
        name: Dishub Patroli Lalu Lintas Cipondoh
        agency: Dinas Perhubungan
        kind: traffic
        station: Pos Dishub Jl. K.H. Hasyim Ashari
        lat: -6.1960
        lon: 106.6900

      # Dinas PUPR: drainage pumps and crews for roads, drains and trees.
      - id: PUP-01
        name: PUPR Pompa Mobile Periuk
        agency: Dinas PUPR
        kind: pump
        station: Rumah Pompa Periuk
        lat: -6.1660
        lon: 106.5950
      - id: PUP-02
        name: PUPR Pompa Mobile Ciledug
        agency: Dinas PUPR
        kind: pump
        station: Rumah Pompa Ciledug
        lat: -6.2380
        lon: 106.7100
      - id: PUP-03
        name: PUPR Satgas Drainase
        agency: Dinas PUPR
        kind: drainage_crew
        station: UPT PUPR Karawaci
        lat: -6.1800
        lon: 106.6150
      - id: PUP-04
        name: PUPR Regu Pohon
        agency: Dinas PUPR
        kind: tree_crew
        station: Depo PUPR Tangerang
        lat: -6.1900
        lon: 106.6400
      - id: PUP-05
        name: PUPR Regu Jalan
        agency: Dinas PUPR
        kind: road_crew
        station: Depo PUPR Pinang
        lat: -6.2160
        lon: 106.6660

    # Who may act: login name (--user, else $USER) to role. viewer: a wallboard, no action keys;
    # operator: acknowledge, note, create, unit status, verify; supervisor: also dispatch,
    # escalate, resolve, close, reopen, merge, route. A user not listed is a viewer. The long
    # form gives the name timelines show.
    users:
      ani: {role: supervisor, name: Ani Suryani}
      budi: {role: operator, name: Budi Santoso}
      sari: {role: operator, name: Sari Wulandari}
      wall: viewer

    # Disposition codes an incident is resolved with (code: label), APCO-style; the picker lists
    # them in this order. `duplicate` must be there: merging closes the duplicate with it.
    dispositions:
      handled: Handled
      false_alarm: False alarm
      duplicate: Duplicate of another incident
      referred: Referred to another agency
      cancelled: Cancelled by the caller
      no_action: No action needed
      test: Test call

    # Response targets per severity (1 minor … 5 critical): time from the report to
    # acknowledge, to dispatch a unit, to a unit on scene. Durations: 90s, 1m, 1m30s, 2h;
    # `none` for no target. A step left out keeps this file's target.
    targets:
      5: {acknowledge: 1m, dispatch: 3m, on_scene: 15m}
      4: {acknowledge: 2m, dispatch: 5m, on_scene: 20m}
      3: {acknowledge: 5m, dispatch: 15m, on_scene: 45m}
      2: {acknowledge: 15m, dispatch: 1h, on_scene: 2h}
      1: {acknowledge: 30m, dispatch: 2h, on_scene: none}
    """#
}

import type { MessageCatalog } from '../../core/i18n/messages.ts';

export const assetsMessages: MessageCatalog = {
  'fr-CA': {
    'assets.list.cursor_invalid': "ce n'est pas un curseur de cette liste (donnez « next » tel que reçu)",
    'assets.list.cursor_other_sort': 'ce curseur appartient à un autre tri de la liste',
    'assets.list.cursor_with_offset': 'une page se choisit par « after » ou par « offset », pas les deux',
    'assets.not_found': 'Actif introuvable : {id}.',
    'assets.critical_asset_not_found': 'Actif informationnel critique introuvable : {id}.',
    'assets.name_taken': 'Un actif nommé « {name} » existe déjà dans cette organisation.',
    'assets.retired': "L'actif « {name} » est retiré : il ne peut plus être modifié.",
    'assets.field.required': 'valeur obligatoire manquante',
    'assets.field.duplicate': 'le nom « {value} » figure déjà à la ligne {line}',
    'assets.field.category':
      'catégorie inconnue « {value} » (poste de travail, serveur, biomédical, immotique, réseau, mobile, autre)',
    'assets.field.criticality': 'criticité inconnue « {value} » (faible, moyenne, élevée, critique)',
    'assets.field.hosting': 'hébergement inconnu « {value} » (sur place, tiers)',
    'assets.field.yes_no': '« {value} » n’est ni oui ni non',
    'assets.field.ip': '« {value} » n’est pas une adresse IP valide',
    'assets.field.mac': '« {value} » n’est pas une adresse MAC valide',
    'assets.field.hostname': '« {value} » n’est pas un nom d’hôte valide',
    'assets.field.software': 'logiciel sans nom : « {value} »',
    'assets.field.software_id': '« {value} » n’est ni un CPE (cpe:…) ni un purl (pkg:…)',
    'assets.field.date': '« {value} » n’est pas une date AAAA-MM-JJ',
    'assets.import.encoding':
      '{file} : encodage {encoding} non pris en charge. Enregistrez le fichier en « CSV UTF-8 » ou « CSV (séparateur : point-virgule) ».',
    'assets.import.unknown_column':
      '{file}, ligne {line} : colonne inconnue « {column} » (colonne {position}). Voir les colonnes documentées dans le guide.',
    'assets.import.no_name_column': '{file}, ligne 1 : la colonne « name » (ou « nom ») est obligatoire.',
    'assets.import.csv_syntax': '{file}, ligne {line} : CSV mal formé ({detail}).',
    'assets.import.line_too_long': '{file}, ligne {line} : ligne de plus de {limit}, refusée.',
    'assets.import.empty': '{file} : le fichier est vide.',
    'assets.import.column_count':
      '{file}, ligne {line} : {found} colonnes au lieu des {expected} de l’en-tête (un séparateur de trop ou une cellule à mettre entre guillemets?).',
    'assets.import.quote_not_closed':
      '{file}, ligne {line} : un guillemet ouvert avant cette ligne n’est jamais fermé.',
    'assets.import.xml_syntax': '{file}, ligne {line} : XML mal formé ({detail}).',
    'assets.import.nmap_format': '{file} : ce n’est pas un rapport XML de Nmap (élément nmaprun absent).',
    'assets.feed.unreadable': '{file} : données de fin de vie illisibles ({detail}).',
    'assets.feed.unreachable':
      'Impossible de joindre {url} ({detail}). Téléchargez cette archive sur un poste relié à Internet, puis lancez « vigie feeds import FICHIER ».',
    'assets.cli.summary':
      '{file} ({format}) : {create, number} à créer, {update, number} à modifier, {unchanged, plural, one {# inchangé} other {# inchangés}}, {reject, plural, one {# refusé} other {# refusés}}.',
    'assets.cli.line_rejected': 'ligne {line} : {problems}',
    'assets.cli.problem': '{field} : {message}',
    'assets.cli.line_create': 'ligne {line} : création de {name}',
    'assets.cli.line_update': 'ligne {line} : modification de {name}{fields}',
    'assets.cli.more_lines': '… et {count, plural, one {# autre ligne} other {# autres lignes}}',
    'assets.cli.people_added': 'Personnes ajoutées : {names}',
    'assets.cli.and_more': '{names} et {count, plural, one {# autre} other {# autres}}',
    'assets.cli.critical_assets_added': 'Actifs informationnels critiques ajoutés : {names}',
    'assets.cli.applied': 'Importé.',
    'assets.cli.preview': 'Simulation : rien n’a été écrit.',
    'assets.cli.rejected': 'Refusé : rien n’a été écrit. Corrigez ces lignes et importez de nouveau.',
    'assets.cli.no_such_file': 'fichier introuvable : {file}',
    'assets.cli.folder': '{file} est un dossier : donnez le fichier à importer',
    'assets.cli.written': 'Écrit : {file}',
    'assets.cli.feed_updated':
      'Données de fin de vie mises à jour : {products, number} produits, {releases, number} cycles de version.',
    'assets.cli.feed_imported':
      'Données de fin de vie importées : {products, number} produits, {releases, number} cycles de version.',
    'assets.cli.feed_status':
      'Données de fin de vie : {origin, select, imported {importées} other {livrées avec Vigie}} ({source}), {products, number} produits.',
    // The help of the module's commands (cli-help.ts): English where each is declared.
    'help:vigie import': 'importer dans l’inventaire',
    'help:vigie import assets':
      'importer des actifs d’un tableur CSV, d’un export GLPI ou d’un balayage Nmap XML (tout ou rien)',
    'help:vigie import assets --org': 'l’organisation à laquelle les actifs appartiennent',
    'help:vigie import assets --format': 'le format du fichier (détecté s’il n’est pas donné)',
    'help:vigie import assets --dry-run': 'montrer ce qui changerait, sans rien écrire',
    'help:vigie assets': 'l’inventaire',
    'help:vigie assets export': 'exporter l’inventaire en CSV, dans les colonnes de l’import',
    'help:vigie assets export --org': 'l’organisation (ses sous-organisations comprises)',
    'help:vigie assets export --format': 'le format du fichier',
    'help:vigie assets export --out': 'écrire dans ce fichier plutôt que sur la sortie standard',
    'help:vigie feeds': 'données de référence : dates de fin de vie',
    'help:vigie feeds update':
      'télécharger les données de fin de vie de leur source publique (https://codeload.github.com/endoflife-date/endoflife.date/tar.gz/refs/heads/master)',
    'help:vigie feeds update --url': 'télécharger la même archive d’ailleurs (un miroir interne)',
    'help:vigie feeds import':
      'importer les données de fin de vie hors ligne, depuis l’archive endoflife.date (.tar.gz) ou son dossier',
    'help:vigie feeds status': 'montrer quelles données de fin de vie sont utilisées',
  },
  'en-CA': {
    'assets.list.cursor_invalid': 'not a cursor of this list (give `next` as it came)',
    'assets.list.cursor_other_sort': 'this cursor belongs to another sort of the list',
    'assets.list.cursor_with_offset': 'a page is chosen by `after` or by `offset`, not both',
    'assets.not_found': 'Asset not found: {id}.',
    'assets.critical_asset_not_found': 'Critical information asset not found: {id}.',
    'assets.name_taken': 'An asset named "{name}" already exists in this organization.',
    'assets.retired': 'The asset "{name}" is retired: it can no longer be changed.',
    'assets.field.required': 'required value missing',
    'assets.field.duplicate': 'the name "{value}" is already on line {line}',
    'assets.field.category':
      'unknown category "{value}" (workstation, server, biomedical, building automation, network, mobile, other)',
    'assets.field.criticality': 'unknown criticality "{value}" (low, medium, high, critical)',
    'assets.field.hosting': 'unknown hosting "{value}" (on premises, third party)',
    'assets.field.yes_no': '"{value}" is neither yes nor no',
    'assets.field.ip': '"{value}" is not a valid IP address',
    'assets.field.mac': '"{value}" is not a valid MAC address',
    'assets.field.hostname': '"{value}" is not a valid host name',
    'assets.field.software': 'software without a name: "{value}"',
    'assets.field.software_id': '"{value}" is neither a CPE (cpe:…) nor a purl (pkg:…)',
    'assets.field.date': '"{value}" is not a YYYY-MM-DD date',
    'assets.import.encoding': '{file}: {encoding} encoding is not supported. Save the file as "CSV UTF-8".',
    'assets.import.unknown_column':
      '{file}, line {line}: unknown column "{column}" (column {position}). See the documented columns in the guide.',
    'assets.import.no_name_column': '{file}, line 1: the "name" column is required.',
    'assets.import.csv_syntax': '{file}, line {line}: malformed CSV ({detail}).',
    'assets.import.line_too_long': '{file}, line {line}: a line longer than {limit} is refused.',
    'assets.import.empty': '{file}: the file is empty.',
    'assets.import.column_count':
      "{file}, line {line}: {found} columns instead of the header's {expected} (a separator too many, or a cell to put in quotes?).",
    'assets.import.quote_not_closed': '{file}, line {line}: a quote opened before this line is never closed.',
    'assets.import.xml_syntax': '{file}, line {line}: malformed XML ({detail}).',
    'assets.import.nmap_format': '{file}: this is not an Nmap XML report (no nmaprun element).',
    'assets.feed.unreadable': '{file}: unreadable end-of-life data ({detail}).',
    'assets.feed.unreachable':
      'Cannot reach {url} ({detail}). Download this archive on a machine with internet access, then run "vigie feeds import FILE".',
    'assets.cli.summary':
      '{file} ({format}): {create, number} to create, {update, number} to update, {unchanged, number} unchanged, {reject, number} rejected.',
    'assets.cli.line_rejected': 'line {line}: {problems}',
    'assets.cli.problem': '{field}: {message}',
    'assets.cli.line_create': 'line {line}: create {name}',
    'assets.cli.line_update': 'line {line}: update {name}{fields}',
    'assets.cli.more_lines': '… and {count, plural, one {# more line} other {# more lines}}',
    'assets.cli.people_added': 'People added: {names}',
    'assets.cli.and_more': '{names} and {count, number} more',
    'assets.cli.critical_assets_added': 'Critical information assets added: {names}',
    'assets.cli.applied': 'Imported.',
    'assets.cli.preview': 'Dry run: nothing was written.',
    'assets.cli.rejected': 'Rejected: nothing was written. Correct these lines and import again.',
    'assets.cli.no_such_file': 'no such file: {file}',
    'assets.cli.folder': '{file} is a folder: give the file to import',
    'assets.cli.written': 'Written: {file}',
    'assets.cli.feed_updated':
      'End-of-life data updated: {products, number} products, {releases, number} release cycles.',
    'assets.cli.feed_imported':
      'End-of-life data imported: {products, number} products, {releases, number} release cycles.',
    'assets.cli.feed_status':
      'End-of-life data: {origin, select, imported {imported} other {shipped with Vigie}} ({source}), {products, number} products.',
  },
};

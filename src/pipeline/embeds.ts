/**
 * Videos and social posts in article bodies, without JavaScript: each becomes a facade, a card
 * that links to the original (a video's poster and title, a post's words and author), so that a
 * reader's browser loads nothing from the provider until the reader follows the link.
 *
 * Editors write a directive on a line of its own (see `src/pipeline/directives.ts`):
 *
 *     ::youtube[What the video shows]{id=dQw4w9WgXcQ}
 *     ::vimeo[What the video shows]{id=76979871 poster=/media/still.jpg}
 *     ::post[The words of the post, if you want them quoted]{url=https://bsky.app/profile/name.bsky.social/post/3kabc}
 *
 * Every value is checked strictly here; the page shows only addresses built from what passed.
 */

/** A video provider: how its ids look and the address of a video. */
export interface VideoProvider {
  /** The provider's name as readers know it. */
  name: string;
  /** A valid video id. */
  id: RegExp;
  /** What a valid id looks like, for error messages. */
  idHelp: string;
  /** The page of video `id` on the provider's site. */
  url: (id: string) => string;
}

/** The video directives and their providers. */
export const VIDEO_PROVIDERS = {
  youtube: {
    name: 'YouTube',
    id: /^[A-Za-z0-9_-]{11}$/,
    idHelp: 'the 11 letters, digits, - or _ after watch?v= in the video’s address, e.g. dQw4w9WgXcQ',
    url: (id) => `https://www.youtube.com/watch?v=${id}`,
  },
  vimeo: {
    name: 'Vimeo',
    id: /^[1-9]\d{5,11}$/,
    idHelp: 'the number in the video’s address, e.g. 76979871 for vimeo.com/76979871',
    url: (id) => `https://vimeo.com/${id}`,
  },
} as const satisfies Record<string, VideoProvider>;
export type VideoDirective = keyof typeof VIDEO_PROVIDERS;

/** A social network whose posts can be shown: its hosts and the path of a post on them. */
export interface PostNetwork {
  name: string;
  /** Hosts of its posts' addresses; `*` for any host (Mastodon's servers). */
  hosts: readonly string[] | '*';
  /** The path of a post (no query or fragment). */
  path: RegExp;
  /** Who posted it, from the path's match and the host, when the address says. */
  author?: (match: RegExpExecArray, host: string) => string;
}

/** The networks `::post` accepts, in the order they are tried (Mastodon, on any host, last). */
export const POST_NETWORKS: readonly PostNetwork[] = [
  {
    name: 'X',
    hosts: ['x.com', 'www.x.com', 'twitter.com', 'www.twitter.com', 'mobile.twitter.com'],
    path: /^\/([A-Za-z0-9_]{1,15})\/status\/(\d{1,20})\/?$/,
    author: (match) => `@${match[1]}`,
  },
  {
    name: 'Bluesky',
    hosts: ['bsky.app'],
    path: /^\/profile\/([A-Za-z0-9.:-]{1,253})\/post\/([a-z0-9]{1,20})\/?$/,
    author: (match) => `@${match[1]}`,
  },
  {
    name: 'Threads',
    hosts: ['www.threads.net', 'threads.net', 'www.threads.com', 'threads.com'],
    path: /^\/@([A-Za-z0-9._]{1,30})\/post\/([A-Za-z0-9_-]{1,40})\/?$/,
    author: (match) => `@${match[1]}`,
  },
  { name: 'Instagram', hosts: ['www.instagram.com', 'instagram.com'], path: /^\/(?:p|reel)\/([A-Za-z0-9_-]{1,40})\/?$/ },
  {
    name: 'Facebook',
    hosts: ['www.facebook.com', 'facebook.com'],
    path: /^\/([A-Za-z0-9.]{1,80})\/(?:posts|videos)\/([A-Za-z0-9]{1,80})\/?$/,
    author: (match) => match[1]!,
  },
  {
    name: 'TikTok',
    hosts: ['www.tiktok.com', 'tiktok.com'],
    path: /^\/@([A-Za-z0-9._]{1,24})\/video\/(\d{1,25})\/?$/,
    author: (match) => `@${match[1]}`,
  },
  {
    name: 'LinkedIn',
    hosts: ['www.linkedin.com', 'linkedin.com'],
    path: /^\/(?:posts\/[A-Za-z0-9_-]{1,200}|feed\/update\/urn:li:(?:activity|share):\d{1,25})\/?$/,
  },
  {
    name: 'Mastodon',
    hosts: '*',
    path: /^\/@([A-Za-z0-9_]{1,30})\/(\d{1,20})\/?$/,
    author: (match, host) => `@${match[1]}@${host}`,
  },
];

/** A social post, checked: its network, its canonical address (no query or fragment) and its author when known. */
export interface Post {
  network: string;
  url: string;
  author?: string | undefined;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

/** The networks' names, for messages. */
const NETWORK_NAMES = POST_NETWORKS.map((network) => network.name).join(', ');

/**
 * The post at `url`, or why it cannot be shown.
 *
 * - Only `https://` addresses without a user name, password or port.
 * - The host and path must be those of a post on one of `POST_NETWORKS`; a query or fragment
 *   (`?s=20`, tracking) is dropped from the link.
 */
export function checkPostUrl(url: string): Checked<Post> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, message: `“${url}” is not an address: write the post’s whole address, starting with https://` };
  }
  if (parsed.protocol !== 'https:' || parsed.username || parsed.password || parsed.port || !/^https:\/\//i.test(url)) {
    return { ok: false, message: `“${url}” must be a plain https:// address of the post` };
  }
  const host = parsed.hostname.toLowerCase();
  for (const network of POST_NETWORKS) {
    if (network.hosts !== '*' && !network.hosts.includes(host)) continue;
    const match = network.path.exec(parsed.pathname);
    if (!match) continue;
    return { ok: true, value: { network: network.name, url: `https://${host}${parsed.pathname}`, author: network.author?.(match, host) } };
  }
  return {
    ok: false,
    message: `“${url}” is not the address of a post on ${NETWORK_NAMES}; copy the post’s own address (its “Copy link”), or link to it instead: [See the post](${url})`,
  };
}

/** The video `id` of provider `directive`, or why it is not one. */
export function checkVideoId(directive: VideoDirective, id: string | undefined | null): Checked<{ id: string; url: string }> {
  const provider = VIDEO_PROVIDERS[directive];
  if (id === undefined || id === null || id === '') {
    return { ok: false, message: `::${directive} needs the video’s id: {id=…}, ${provider.idHelp}` };
  }
  if (!provider.id.test(id)) return { ok: false, message: `“${id}” is not a ${provider.name} video id: the id is ${provider.idHelp}` };
  return { ok: true, value: { id, url: provider.url(id) } };
}

/** What a video's facade link says after its title. */
export function watchLabel(directive: VideoDirective): string {
  return `Watch on ${VIDEO_PROVIDERS[directive].name}`;
}

/** The text of a post's link: `Post by @name on Bluesky`, or `Post on Instagram`. */
export function postLabel(post: Post): string {
  return post.author ? `Post by ${post.author} on ${post.network}` : `Post on ${post.network}`;
}

/** Elements the sanitizer removes that editors paste to embed things, each noted by `npm run check`. */
export const REMOVED_EMBED_TAGS = ['script', 'iframe', 'embed', 'object'] as const;

/** Scripts of the networks' own embed codes (`<blockquote class="twitter-tweet">` then one of these). */
const WIDGET_SCRIPT_HOSTS = [
  'platform.twitter.com',
  'www.instagram.com',
  'instagram.com',
  'www.tiktok.com',
  'embed.bsky.app',
  'www.threads.net',
  'connect.facebook.net',
];

/** The line that shows the video at `url` (a player's or a page's address), if it is one. */
function videoDirectiveFor(url: string, title: string | undefined): string | undefined {
  const label = title?.replace(/[[\]\n]/g, ' ').trim() || 'What the video shows';
  const video = videoFromAddress(url);
  return video ? `::${video.directive}[${label}]{id=${video.id}}` : undefined;
}

/** The line that shows the first of `urls` that is a post's address, if any. */
function postDirectiveFor(urls: readonly string[]): string | undefined {
  for (const url of urls) {
    const post = checkPostUrl(url.replace(/[?#].*$/, ''));
    if (post.ok) return `::post{url=${post.value.url}}`;
  }
  return undefined;
}

/** The provider and id of a video player or page address (`youtube.com/embed/<id>`, `youtu.be/<id>`, `player.vimeo.com/video/<id>`…). */
export function videoFromAddress(url: string): { directive: VideoDirective; id: string } | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url, 'https://invalid.invalid/');
  } catch {
    return undefined;
  }
  const host = parsed.hostname.toLowerCase().replace(/^www\.|^m\./, '');
  const youtube =
    host === 'youtube.com' || host === 'youtube-nocookie.com'
      ? (/^\/(?:embed|shorts|live)\/([A-Za-z0-9_-]{11})\/?$/.exec(parsed.pathname)?.[1] ??
        (parsed.pathname === '/watch' ? parsed.searchParams.get('v') : undefined))
      : host === 'youtu.be'
        ? /^\/([A-Za-z0-9_-]{11})\/?$/.exec(parsed.pathname)?.[1]
        : undefined;
  if (youtube && VIDEO_PROVIDERS.youtube.id.test(youtube)) return { directive: 'youtube', id: youtube };
  const vimeo =
    host === 'player.vimeo.com'
      ? /^\/video\/(\d+)\/?$/.exec(parsed.pathname)?.[1]
      : host === 'vimeo.com'
        ? /^\/(\d+)\/?$/.exec(parsed.pathname)?.[1]
        : undefined;
  if (vimeo && VIDEO_PROVIDERS.vimeo.id.test(vimeo)) return { directive: 'vimeo', id: vimeo };
  return undefined;
}

/** What `npm run check` says about a `<script>`, `<iframe>`, `<embed>` or `<object>` the sanitizer removes. */
export interface RemovedEmbed {
  tag: (typeof REMOVED_EMBED_TAGS)[number];
  /** Its `src` (or an `<object>`'s `data`), as written. */
  src?: string | undefined;
  /** Its `title`, as written. */
  title?: string | undefined;
  /** Addresses elsewhere in the body that may be what it embeds (the links of a network's `<blockquote>` embed code). */
  nearby: readonly string[];
}

/**
 * The warning for a removed element: what happens to it and what to write instead.
 *
 * - An iframe of a YouTube or Vimeo player: the exact `::youtube` or `::vimeo` line.
 * - A network's embed script after its `<blockquote>`: the `::post` line for the post it links to.
 * - Anything else: the directives there are, or a plain link.
 */
export function describeRemovedEmbed(removed: RemovedEmbed): string {
  const what = { script: 'a <script>', iframe: 'an <iframe>', embed: 'an <embed>', object: 'an <object>' }[removed.tag];
  const instead =
    removed.tag === 'script'
      ? removed.src && isWidgetScript(removed.src)
        ? postDirectiveFor(removed.nearby)
        : undefined
      : removed.src
        ? videoDirectiveFor(removed.src, removed.title)
        : undefined;
  const general =
    'to show a video, write ::youtube[Title]{id=…} or ::vimeo[Title]{id=…}; a social post, ::post{url=…}; anything else, link to it';
  const why =
    removed.tag === 'script' ? 'is removed (pages run no JavaScript)' : 'is removed (pages show no frames or plug-ins from other sites)';
  return instead ? `${what} ${why}; to show it, write ${instead} on a line of its own instead` : `${what} ${why}; ${general}`;
}

function isWidgetScript(src: string): boolean {
  try {
    return WIDGET_SCRIPT_HOSTS.includes(new URL(src, 'https://invalid.invalid/').hostname.toLowerCase());
  } catch {
    return false;
  }
}

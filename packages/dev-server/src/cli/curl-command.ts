/** A one-line curl that sends this request; every value single-quoted for a POSIX shell. */
export function curlCommand(url: string, headers: Record<string, string>, body: string): string {
  const parts = ['curl', '-sS', '-i', '-X', 'POST', quote(url)];
  for (const [name, value] of Object.entries(headers)) parts.push('-H', quote(`${name}: ${value}`));
  parts.push('--data-raw', quote(body));
  return parts.join(' ');
}

function quote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/** An operating system as people say it: "Windows Server 2012 R2" often carries its version already. */
export function osLabel(name: string, version: string | null): string {
  return version && !name.endsWith(version) ? `${name} ${version}` : name;
}

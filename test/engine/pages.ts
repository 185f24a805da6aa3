/** What a share link often gives instead of its file: a page. */
export const htmlPage =
	'<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body><form>Sign in to see this file</form></body></html>\n';
